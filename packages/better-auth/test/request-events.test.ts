/**
 * `onRequest` through Better Auth's handler (test/suites/request-events.ts) on Node, on both
 * transports; workerd/request-events.test.ts runs the same inside workerd.
 */
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { defineRequestEventsSuite } from "./suites/request-events.js"
import { TRANSPORTS } from "./transports.js"

const endpoint = dynamodbEndpoint()

for (const [label, makeTransport] of TRANSPORTS) {
  defineRequestEventsSuite(label, makeTransport(endpoint))
}
