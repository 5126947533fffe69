import { packageTestConfig } from "../../vitest.shared.ts"

// DynamoDB Local from the shared setup; Chromium and the Worker bundle from ours. Each file
// starts its own servers on its own table; files run one after another (two-core machines), in
// one module graph so Better Auth and playwright-core load once.
export default packageTestConfig(
  { dynamodb: true },
  {
    globalSetup: ["@dynamoauth/testing/vitest-global-setup", "test/global-setup.ts"],
    fileParallelism: false,
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // A page's answer can take seconds on a loaded machine; polls wait for it that long.
    expect: { poll: { timeout: 30_000 } },
  },
)
