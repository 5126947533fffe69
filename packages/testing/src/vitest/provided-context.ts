// What the global setup provides to every test file through vitest's `inject`.
declare module "vitest" {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>` of the DynamoDB Local started for this test run. */
    dynamodbEndpoint: string
  }
}

/** Name of the provided value, shared by the setup and `dynamodbEndpoint()`. */
export const DYNAMODB_ENDPOINT_KEY = "dynamodbEndpoint"
