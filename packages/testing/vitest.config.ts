import { packageTestConfig } from "../../vitest.shared.ts"

export default packageTestConfig(
  { dynamodb: true },
  {
    // This package's own setup, by path: it is the module other packages import by name.
    globalSetup: ["./src/vitest/global-setup.ts"],
    // Several tests start their own DynamoDB Local: Java is slow on a busy two-core machine.
    testTimeout: 60_000,
  },
)
