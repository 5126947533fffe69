/**
 * @dynamoauth/testing/vitest-global-setup — starts one in-memory DynamoDB Local for a vitest run,
 * provides its endpoint to the tests (read it with `dynamodbEndpoint()` from
 * `@dynamoauth/testing/vitest-context`), and stops it in teardown. Node only.
 *
 *   // vitest.config.ts
 *   export default defineConfig({ test: { globalSetup: ["@dynamoauth/testing/vitest-global-setup"] } })
 */
import type { TestProject } from "vitest/node"
import { startDynamoDBLocal } from "../dynamodb-local/start.js"
import { DYNAMODB_ENDPOINT_KEY } from "./provided-context.js"

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const db = await startDynamoDBLocal()
  project.provide(DYNAMODB_ENDPOINT_KEY, db.endpoint)
  return () => db.stop()
}
