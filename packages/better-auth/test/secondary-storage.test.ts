/**
 * `dynamoAuthSecondaryStorage` (test/suites/secondary-storage.ts) on Node, on both transports;
 * workerd/secondary-storage.test.ts runs the same inside workerd.
 */
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { defineSecondaryStorageSuite } from "./suites/secondary-storage.js"
import { TRANSPORTS } from "./transports.js"

const endpoint = dynamodbEndpoint()

for (const [label, makeTransport] of TRANSPORTS) {
  defineSecondaryStorageSuite(label, makeTransport(endpoint))
}
