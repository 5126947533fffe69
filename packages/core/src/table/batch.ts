/**
 * Batch reads and writes of any number of items, in requests of DynamoDB's
 * sizes (100 keys, 25 writes), unprocessed ones re-sent. Not atomic.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
 */
import type { PlainKey } from "../keys.js"
import { MAX_BATCH_GET, MAX_BATCH_WRITE } from "../limits.js"
import { marshallItem, unmarshallItem } from "../marshall.js"
import type { DynamoDBBody } from "../transport.js"
import { inChunks } from "./chunks.js"
import type { Item, Table } from "./types.js"

/** Strongly consistent reads of many keys; missing items are simply absent (in no particular order). */
export async function batchGetItems(table: Table, keys: PlainKey[]): Promise<Item[]> {
  const { tableName } = table.names
  const items: Item[] = []
  await inChunks(keys.map(marshallItem), MAX_BATCH_GET, "BatchGetItem", async (Keys) => {
    const out = await table.transport.send("BatchGetItem", {
      RequestItems: { [tableName]: { Keys, ConsistentRead: true } },
    })
    for (const item of out.Responses?.[tableName] ?? []) items.push(unmarshallItem(item))
    return out.UnprocessedKeys?.[tableName]?.Keys
  })
  return items
}

export interface BatchWrites {
  puts?: Item[]
  deletes?: PlainKey[]
}

/** The write requests of a batch, as DynamoDB JSON (one per put or delete, in that order). */
export function writeRequests(writes: BatchWrites): DynamoDBBody[] {
  return [
    ...(writes.puts ?? []).map((item) => ({ PutRequest: { Item: marshallItem(item) } })),
    ...(writes.deletes ?? []).map((key) => ({ DeleteRequest: { Key: marshallItem(key) } })),
  ]
}

/** Puts and deletes, every one of them, in requests of 25. */
export async function batchWriteItems(table: Table, writes: BatchWrites): Promise<void> {
  const { tableName } = table.names
  await inChunks(writeRequests(writes), MAX_BATCH_WRITE, "BatchWriteItem", async (chunk) => {
    const out = await table.transport.send("BatchWriteItem", {
      RequestItems: { [tableName]: chunk },
    })
    return out.UnprocessedItems?.[tableName]
  })
}
