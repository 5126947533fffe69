/** adapter-node on the AWS SDK, pointed at the run's DynamoDB Local, for cross-runtime checks. */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { type Adapter, DynamoDBAdapter as NodeAdapter } from "@dynamoauth/adapter-node"
import { LOCAL_ACCESS_KEY_ID, LOCAL_REGION } from "@dynamoauth/testing/raw-request"

export function nodeAdapter(endpoint: string, tableName: string): Adapter {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    // Same access key as the edge side: DynamoDB Local keeps one database per key and region.
    credentials: { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: "local-placeholder" },
  })
  return NodeAdapter(client, { tableName })
}
