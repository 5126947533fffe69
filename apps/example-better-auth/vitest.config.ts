import { packageTestConfig } from "../../vitest.shared.ts"

// DynamoDB Local from the shared setup; Chromium (Debian's, installed if missing) from ours.
export default packageTestConfig(
  { dynamodb: true },
  {
    globalSetup: ["@dynamoauth/testing/vitest-global-setup", "test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
)
