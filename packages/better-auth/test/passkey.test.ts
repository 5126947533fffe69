/**
 * The passkey plugin's model and endpoints (test/suites/passkey.ts) on Node, on both transports;
 * workerd/passkey.test.ts runs the same inside workerd.
 */
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { definePasskeySuite } from "./suites/passkey.js"
import { TRANSPORTS } from "./transports.js"

const endpoint = dynamodbEndpoint()

for (const [label, makeTransport] of TRANSPORTS) definePasskeySuite(label, makeTransport(endpoint))
