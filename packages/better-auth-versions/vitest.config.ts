/** One DynamoDB Local for the run; each version's consumer app runs its suites against it. */
import { packageTestConfig } from "../../vitest.shared.ts"

export default packageTestConfig({ dynamodb: true }, { testTimeout: 900_000 })
