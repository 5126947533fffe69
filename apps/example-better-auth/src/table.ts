/** Creates the table when it is missing (dynamoauth's layout) and turns on TTL on `expires`. */
import { createTableInput, type Transport, timeToLiveInput } from "@dynamoauth/core"

export async function ensureTable(transport: Transport, tableName: string) {
  try {
    await transport.send("DescribeTable", { TableName: tableName })
    return "exists"
  } catch (error) {
    if ((error as Error).name !== "ResourceNotFoundException") throw error
  }
  await transport.send("CreateTable", createTableInput({ tableName }))
  await transport.send("UpdateTimeToLive", timeToLiveInput({ tableName }))
  return "created"
}
