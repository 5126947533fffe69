/**
 * Query, a page at a time or every page. Table queries are strongly
 * consistent; index queries cannot be.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
 */
import { type AttributeMap, unmarshallItem } from "../marshall.js"
import type { DynamoDBBody } from "../transport.js"
import { expressionFields } from "./expressions.js"
import type { Expression, Item, Table, TableNames } from "./types.js"

export interface QueryOptions {
  /** The key condition. */
  condition: Expression
  /** The index to query; the table when left out. */
  index?: string
  filter?: Expression
  /** Where the previous page ended (its `lastKey`). */
  startKey?: AttributeMap
  /** Items to read (before the filter) in this page. */
  limit?: number
  /** Sort-key order; ascending unless false. */
  ascending?: boolean
}

/** One page of a query or scan: the items, and where to go on (absent on the last page). */
export interface Page<T = Item> {
  items: T[]
  lastKey?: AttributeMap
}

export function queryInput(names: TableNames, options: QueryOptions): DynamoDBBody {
  return {
    TableName: names.tableName,
    ...(options.index ? { IndexName: options.index } : { ConsistentRead: true }),
    ...expressionFields(names, {
      KeyConditionExpression: options.condition,
      FilterExpression: options.filter,
    }),
    ...(options.startKey && { ExclusiveStartKey: options.startKey }),
    ...(options.limit !== undefined && { Limit: options.limit }),
    ...(options.ascending === false && { ScanIndexForward: false }),
  }
}

export async function queryPage(table: Table, options: QueryOptions): Promise<Page> {
  const out = await table.transport.send("Query", queryInput(table.names, options))
  return {
    items: (out.Items ?? []).map((item: AttributeMap) => unmarshallItem(item)),
    lastKey: out.LastEvaluatedKey,
  }
}

/** Every item the query matches, all pages. */
export async function queryAll(table: Table, options: QueryOptions): Promise<Item[]> {
  const items: Item[] = []
  let startKey = options.startKey
  do {
    const page = await queryPage(table, { ...options, startKey })
    items.push(...page.items)
    startKey = page.lastKey
  } while (startKey)
  return items
}
