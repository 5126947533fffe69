/**
 * The plugins users commonly enable, through Better Auth's handler with scan "refuse"
 * (test/suites/plugins.ts), on Node, on both transports.
 */
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { definePluginSuite } from "./suites/plugins.js"
import { TRANSPORTS } from "./transports.js"

const endpoint = dynamodbEndpoint()

for (const [label, makeTransport] of TRANSPORTS) definePluginSuite(label, makeTransport(endpoint))
