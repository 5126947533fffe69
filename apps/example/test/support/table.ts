/** The test run's table (DynamoDB Local in memory), through the Node adapter, for set-ups the UI cannot make. */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { DynamoDBAdapter } from "@dynamoauth/adapter-node"
import { afterAll, inject } from "vitest"

/** An adapter on the stack's table, made on first use in the calling test file. */
export function tableForFile(): () => ReturnType<typeof DynamoDBAdapter> {
  let client: DynamoDBClient | undefined
  let adapter: ReturnType<typeof DynamoDBAdapter> | undefined
  afterAll(() => client?.destroy())
  return () => {
    client ??= new DynamoDBClient({
      endpoint: inject("endpoint"),
      region: "us-east-1",
      // What the stack gives the app for DynamoDB Local (which keeps one database per key).
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    })
    adapter ??= DynamoDBAdapter(client, { tableName: inject("tableName") })
    return adapter
  }
}
