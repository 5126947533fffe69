/**
 * @dynamoauth/testing/vitest-global-setup — starts one in-memory DynamoDB Local for a vitest run,
 * provides its endpoint to the tests (read it with `dynamodbEndpoint()` from
 * `@dynamoauth/testing/vitest-context`), and stops it in teardown. Node only.
 *
 * When DYNAMOAUTH_DYNAMODB_ENDPOINT is set (the root test command starts one DynamoDB Local for
 * all packages and sets it), that server is used and left running: every test makes its own
 * uniquely named tables, so packages can share one, and each vitest run saves a JVM start.
 *
 *   // vitest.config.ts
 *   export default defineConfig({ test: { globalSetup: ["@dynamoauth/testing/vitest-global-setup"] } })
 */
import type { TestProject } from "vitest/node"
import { sharedDynamoDBLocal, startDynamoDBLocal } from "../dynamodb-local/start.js"
import { DYNAMODB_ENDPOINT_KEY } from "./provided-context.js"

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const db = sharedDynamoDBLocal() ?? (await startDynamoDBLocal())
  project.provide(DYNAMODB_ENDPOINT_KEY, db.endpoint)
  return () => db.stop()
}
