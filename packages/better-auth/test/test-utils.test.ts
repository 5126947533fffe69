/**
 * Better Auth's own adapter test suites (test/suites/test-utils.ts) against DynamoDB Local on
 * Node, on both transports: the AWS SDK with default key names, aws4fetch with custom ones.
 * workerd/test-utils.test.ts runs them inside workerd.
 */
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { runBetterAuthSuites } from "./suites/test-utils.js"
import { TRANSPORTS } from "./transports.js"

const endpoint = dynamodbEndpoint()

for (const [label, makeTransport] of TRANSPORTS) {
  await runBetterAuthSuites(
    label,
    makeTransport(endpoint),
    label.startsWith("edge") ? { partitionKey: "PK", indexPartitionKey: "lookup.pk" } : {},
  )
}
