/**
 * Single-item requests: get (strongly consistent), put, update (returns the
 * new item) and delete (returns the old one). Each `…Input` builds the
 * request as DynamoDB JSON and sends nothing.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html
 */
import type { PlainKey } from "../keys.js"
import { type AttributeMap, marshallItem, unmarshallItem } from "../marshall.js"
import type { DynamoDBBody, DynamoDBOperation } from "../transport.js"
import { expressionFields } from "./expressions.js"
import type { Expression, Item, Table, TableNames } from "./types.js"

/** The GetItem of a key given as stored (DynamoDB JSON). */
const storedGetInput = (names: Pick<TableNames, "tableName">, Key: AttributeMap) => ({
  TableName: names.tableName,
  Key,
  ConsistentRead: true,
})

export const getInput = (names: TableNames, key: PlainKey): DynamoDBBody =>
  storedGetInput(names, marshallItem(key))

export const putInput = (names: TableNames, item: Item, condition?: Expression): DynamoDBBody => ({
  TableName: names.tableName,
  Item: marshallItem(item),
  ...expressionFields(names, { ConditionExpression: condition }),
})

export const updateInput = (
  names: TableNames,
  key: PlainKey,
  set: Expression,
  condition?: Expression,
): DynamoDBBody => ({
  TableName: names.tableName,
  Key: marshallItem(key),
  ReturnValues: "ALL_NEW",
  ...expressionFields(names, { UpdateExpression: set, ConditionExpression: condition }),
})

export const deleteInput = (
  names: TableNames,
  key: PlainKey,
  condition?: Expression,
): DynamoDBBody => ({
  TableName: names.tableName,
  Key: marshallItem(key),
  ReturnValues: "ALL_OLD",
  ...expressionFields(names, { ConditionExpression: condition }),
})

/** Sends a single-item request; the item it read or returned, if any. */
async function single(table: Table, operation: DynamoDBOperation, input: DynamoDBBody) {
  const out = await table.transport.send(operation, input)
  const item = out.Item ?? out.Attributes
  return item ? unmarshallItem(item) : undefined
}

/** A strongly consistent read; undefined when there is no such item. */
export const getItem = (table: Table, key: PlainKey): Promise<Item | undefined> =>
  single(table, "GetItem", getInput(table.names, key))

/**
 * A strongly consistent read of an item exactly as stored, for callers that
 * write back what they read (`dynamoauth migrate`): DynamoDB JSON both ways,
 * so a number keeps its text and a set its type (scans: `scanStoredPage`).
 */
export async function getStoredItem(
  table: { transport: Table["transport"]; names: Pick<TableNames, "tableName"> },
  key: AttributeMap,
): Promise<AttributeMap | undefined> {
  return (await table.transport.send("GetItem", storedGetInput(table.names, key))).Item
}

/** Writes the item (replacing any with its key), if `condition` holds. */
export async function putItem(table: Table, item: Item, condition?: Expression): Promise<void> {
  await table.transport.send("PutItem", putInput(table.names, item, condition))
}

/** Updates the item, if `condition` holds, and returns it as it is now (ALL_NEW always returns one). */
export const updateItem = (
  table: Table,
  key: PlainKey,
  set: Expression,
  condition?: Expression,
): Promise<Item> =>
  single(table, "UpdateItem", updateInput(table.names, key, set, condition)) as Promise<Item>

/** Deletes the item, if `condition` holds; returns it as it was (undefined when there was none). */
export const deleteItem = (
  table: Table,
  key: PlainKey,
  condition?: Expression,
): Promise<Item | undefined> =>
  single(table, "DeleteItem", deleteInput(table.names, key, condition))
