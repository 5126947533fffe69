/**
 * @dynamoauth/testing/vitest-context — the test-side half of the global setup. Web APIs only.
 */
import { inject } from "vitest"
import { DYNAMODB_ENDPOINT_KEY } from "./provided-context.js"

/** The endpoint of the DynamoDB Local started by `@dynamoauth/testing/vitest-global-setup`. */
export function dynamodbEndpoint(): string {
  const endpoint = inject(DYNAMODB_ENDPOINT_KEY)
  if (!endpoint) {
    throw new Error(
      "dynamodbEndpoint: nothing provided; add @dynamoauth/testing/vitest-global-setup to globalSetup in vitest.config.ts",
    )
  }
  return endpoint
}
