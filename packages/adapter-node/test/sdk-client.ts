/** SDK clients pointed at the test run's DynamoDB Local (or a proxy in front of it). */
import { DynamoDB, DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"

export const TEST_CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test-secret-key" }

export function sdkClient(endpoint: string) {
  return new DynamoDBClient({ endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS })
}

/** Exactly as the official adapter's README builds it. */
export function documentClient(endpoint: string) {
  return DynamoDBDocument.from(
    new DynamoDB({ endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS }),
    {
      marshallOptions: {
        convertEmptyValues: true,
        removeUndefinedValues: true,
        convertClassInstanceToMap: true,
      },
    },
  )
}
