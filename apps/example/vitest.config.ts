import { packageTestConfig } from "../../vitest.shared.ts"

// One stack (DynamoDB Local in memory, the Worker, the built app) serves every browser test;
// files run one after another because they share it and the machine has two cores.
export default packageTestConfig(
  {},
  {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 90_000,
    // The first run builds the app (next build) inside the global setup.
    hookTimeout: 600_000,
  },
)
