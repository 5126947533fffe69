/**
 * consumeOne and incrementOne under 20 concurrent callers (test/suites/atomic.ts) on Node, on both
 * transports; workerd/atomic.test.ts runs the same inside workerd.
 */
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { defineAtomicSuite } from "./suites/atomic.js"
import { TRANSPORTS } from "./transports.js"

const endpoint = dynamodbEndpoint()

for (const [label, makeTransport] of TRANSPORTS) defineAtomicSuite(label, makeTransport(endpoint))
