/**
 * Better Auth's own adapter test suites (@better-auth/test-utils) against
 * DynamoDB Local, on both transports, also with native joins. The number-id suite does not apply:
 * DynamoDB keys here are strings (see README).
 */
import {
  authFlowTestSuite,
  caseInsensitiveTestSuite,
  joinsTestSuite,
  normalTestSuite,
  testAdapter,
  uuidTestSuite,
} from "@better-auth/test-utils/adapter"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { dynamoAuthBetterAuth } from "../src/index.js"
import { freshTable, TRANSPORTS } from "./transports.js"

const endpoint = dynamodbEndpoint()

for (const [label, makeTransport] of TRANSPORTS) {
  const transport = makeTransport(endpoint)
  const table = await freshTable(
    transport,
    label.startsWith("edge") ? { partitionKey: "PK", indexPartitionKey: "lookup.pk" } : {},
  )
  const { execute } = await testAdapter({
    adapter: () => dynamoAuthBetterAuth({ transport, ...table, scan: "allow" }),
    runMigrations: () => {},
    prefixTests: label,
    tests: [
      normalTestSuite(),
      uuidTestSuite(),
      caseInsensitiveTestSuite(),
      authFlowTestSuite(),
      // The normal suite again with `advanced.database.joins`, answered by the adapter itself.
      joinsTestSuite(),
    ],
  })
  execute()
}
