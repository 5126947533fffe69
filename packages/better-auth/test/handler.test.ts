/**
 * Sign-in flows through Better Auth's real HTTP handler (test/suites/handler.ts) on Node, on both
 * transports; workerd/handler.test.ts runs the same flows inside workerd.
 */
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { defineHandlerSuite } from "./suites/handler.js"
import { TRANSPORTS } from "./transports.js"

const endpoint = dynamodbEndpoint()

for (const [label, makeTransport] of TRANSPORTS) defineHandlerSuite(label, makeTransport(endpoint))
