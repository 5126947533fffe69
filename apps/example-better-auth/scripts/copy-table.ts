/**
 * Copies a table as it is, item for item, from one DynamoDB to another, replacing the copy if
 * there is one. Only the migration from the Auth.js example needs it: the two examples keep
 * their DynamoDB Local data apart, and `dynamoauth migrate --target-table` writes within one
 * endpoint. With one table in AWS you migrate in place and need none of this.
 */
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  type DynamoDBClient,
  ScanCommand,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from "@aws-sdk/client-dynamodb"
import { createTableInput } from "@dynamoauth/core"

/** BatchWriteItem takes at most 25 requests: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html */
const MAX_BATCH_WRITE = 25
const MAX_ROUNDS = 10

export async function copyTable(from: DynamoDBClient, to: DynamoDBClient, tableName: string) {
  try {
    await to.send(new DeleteTableCommand({ TableName: tableName }))
    await waitUntilTableNotExists({ client: to, maxWaitTime: 60 }, { TableName: tableName })
  } catch (error) {
    if ((error as Error).name !== "ResourceNotFoundException") throw error
  }
  // Core's layout (the Auth.js example creates its table with it); enum fields typed as strings there.
  await to.send(new CreateTableCommand(createTableInput({ tableName }) as CreateTableCommandInput))
  await waitUntilTableExists({ client: to, maxWaitTime: 60 }, { TableName: tableName })

  let copied = 0
  let startKey: Record<string, any> | undefined
  do {
    const page = await from.send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
    )
    const items = page.Items ?? []
    for (let i = 0; i < items.length; i += MAX_BATCH_WRITE) {
      let requests = items.slice(i, i + MAX_BATCH_WRITE).map((Item) => ({ PutRequest: { Item } }))
      // Whatever DynamoDB leaves unprocessed is sent again, after a short pause.
      for (let round = 0; requests.length; round++) {
        if (round === MAX_ROUNDS) {
          throw new Error(
            `BatchWriteItem (${tableName}): ${requests.length} items still unprocessed`,
          )
        }
        if (round) await new Promise((r) => setTimeout(r, Math.min(1_000, 50 * 2 ** round)))
        const { UnprocessedItems } = await to.send(
          new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }),
        )
        requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests
      }
    }
    copied += items.length
    startKey = page.LastEvaluatedKey
  } while (startKey)
  return copied
}
