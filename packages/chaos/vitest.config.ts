import { packageTestConfig } from "../../vitest.shared.ts"

// The bounded chaos run: fixed seeds, a few minutes at most on an idle machine.
export default packageTestConfig({ dynamodb: true }, { testTimeout: 600_000 })
