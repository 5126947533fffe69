/**
 * Plugin counters on missing and null columns (test/suites/counters.ts) on Node, on both
 * transports.
 */
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { defineCounterSuite } from "./suites/counters.js"
import { TRANSPORTS } from "./transports.js"

const endpoint = dynamodbEndpoint()

for (const [label, makeTransport] of TRANSPORTS) defineCounterSuite(label, makeTransport(endpoint))
