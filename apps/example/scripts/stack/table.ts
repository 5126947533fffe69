/**
 * Creates the app's table when it is missing (core's layout: keys, GSI1, on-demand billing) and turns on
 * TTL on `expires`, so DynamoDB deletes expired sessions and magic-link tokens by itself.
 */
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb"
import { createTableInput, timeToLiveInput } from "@dynamoauth/core"

export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<"created" | "exists"> {
  let created = false
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }))
  } catch (error) {
    if ((error as Error).name !== "ResourceNotFoundException") throw error
    await client.send(
      new CreateTableCommand(
        // Core types enum fields as plain strings (it has no SDK dependency).
        createTableInput({ tableName }) as CreateTableCommandInput,
      ),
    )
    await waitUntilTableExists({ client, maxWaitTime: 120 }, { TableName: tableName })
    created = true
  }
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }))
  const status = ttl.TimeToLiveDescription?.TimeToLiveStatus
  if (status !== "ENABLED" && status !== "ENABLING") {
    await client.send(new UpdateTimeToLiveCommand(timeToLiveInput({ tableName })))
  }
  return created ? "created" : "exists"
}
