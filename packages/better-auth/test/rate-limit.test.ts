/**
 * Better Auth's rate limiter with database and secondary storage (test/suites/rate-limit.ts) on
 * Node, on both transports.
 */
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { defineRateLimitSuite } from "./suites/rate-limit.js"
import { TRANSPORTS } from "./transports.js"

const endpoint = dynamodbEndpoint()

for (const [label, makeTransport] of TRANSPORTS)
  defineRateLimitSuite(label, makeTransport(endpoint))
