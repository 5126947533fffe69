import { packageTestConfig } from "../../vitest.shared.ts"

// DynamoDB Local from the shared setup; Chromium and the Worker bundle from ours. Each file
// starts its own servers on its own table; files run one after another (two-core machines).
export default packageTestConfig(
  { dynamodb: true },
  {
    globalSetup: ["@dynamoauth/testing/vitest-global-setup", "test/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 300_000,
  },
)
