/**
 * Better Auth's own adapter test suites (@better-auth/test-utils) on one transport, against a
 * fresh table: run by test-utils.test.ts on Node (both transports) and inside workerd. Web APIs
 * only. The number-id suite does not apply: DynamoDB keys here are strings (see README).
 */
import {
  authFlowTestSuite,
  caseInsensitiveTestSuite,
  joinsTestSuite,
  normalTestSuite,
  testAdapter,
  transactionsTestSuite,
  uuidTestSuite,
} from "@better-auth/test-utils/adapter"
import type { Transport } from "@dynamoauth/core"
import { dynamoAuthBetterAuth } from "../../src/index.js"
import { freshTable } from "../edge.js"

export async function runBetterAuthSuites(
  label: string,
  transport: Transport,
  names: Record<string, string> = {},
): Promise<void> {
  const table = await freshTable(transport, names)
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
      transactionsTestSuite(),
    ],
  })
  execute()
}
