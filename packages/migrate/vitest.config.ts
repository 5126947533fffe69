import { packageTestConfig } from "../../vitest.shared.ts"

// Tests spawn the CLI and fill tables on DynamoDB Local: more time than the shared default.
export default packageTestConfig({ dynamodb: true }, { testTimeout: 60_000, hookTimeout: 120_000 })
