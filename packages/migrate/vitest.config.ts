import { packageTestConfig } from "../../vitest.shared.ts"

// Tests spawn the CLI (built once per run: test/helpers/cli-bundle.ts) and fill tables on
// DynamoDB Local: more time than the shared default.
export default packageTestConfig(
  { dynamodb: true },
  {
    globalSetup: ["@dynamoauth/testing/vitest-global-setup", "./test/helpers/cli-bundle.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
)
