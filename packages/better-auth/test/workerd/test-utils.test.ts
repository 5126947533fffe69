/**
 * Better Auth's own adapter suites (../suites/test-utils.ts) inside workerd, on the edge transport
 * with custom key names, as the Node run's edge transport uses them (test-utils.test.ts):
 * packages/better-auth-versions runs better-auth 1.7.5 on the AWS SDK only (default key names),
 * so this is where 1.7.5 meets custom key names.
 */
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { edgeTransport } from "../edge.js"
import { runBetterAuthSuites } from "../suites/test-utils.js"

await runBetterAuthSuites("edge (aws4fetch) in workerd", edgeTransport(dynamodbEndpoint()), {
  partitionKey: "PK",
  indexPartitionKey: "lookup.pk",
})
