/**
 * Scan, a page at a time, in parallel segments if asked: the one
 * implementation of scan pagination (migrate, doctor and the Better Auth
 * store's fallback use it). Items come back as stored (DynamoDB JSON) from
 * {@link scanStoredPage}, so a caller that writes them back keeps every
 * number's text and every set's type; {@link scanPages} gives plain items.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html
 */
import { type AttributeMap, unmarshallItem } from "../marshall.js"
import type { DynamoDBBody } from "../transport.js"
import { expressionFields } from "./expressions.js"
import type { Page } from "./query.js"
import type { Expression, Table, TableNames } from "./types.js"

export interface ScanOptions {
  filter?: Expression
  /** This worker's segment of a parallel scan (with `totalSegments`). */
  segment?: number
  totalSegments?: number
  /** Where the previous page ended (its `lastKey`). */
  startKey?: AttributeMap
  /** Items to read (before the filter) in one page. */
  limit?: number
  /** Strongly consistent reads (twice the read cost). */
  consistent?: boolean
}

export function scanInput(names: TableNames, options: ScanOptions = {}): DynamoDBBody {
  return {
    TableName: names.tableName,
    ...expressionFields(names, { FilterExpression: options.filter }),
    ...(options.totalSegments !== undefined && {
      Segment: options.segment ?? 0,
      TotalSegments: options.totalSegments,
    }),
    ...(options.startKey && { ExclusiveStartKey: options.startKey }),
    ...(options.limit !== undefined && { Limit: options.limit }),
    ...(options.consistent && { ConsistentRead: true }),
  }
}

/** One page, items as stored. */
export async function scanStoredPage(
  table: Table,
  options: ScanOptions = {},
): Promise<Page<AttributeMap>> {
  const out = await table.transport.send("Scan", scanInput(table.names, options))
  return { items: out.Items ?? [], lastKey: out.LastEvaluatedKey }
}

/** Every page from `options.startKey` (or the start) to the end, items as stored. */
export async function* scanStoredPages(
  table: Table,
  options: ScanOptions = {},
): AsyncGenerator<Page<AttributeMap>> {
  let startKey = options.startKey
  do {
    const page = await scanStoredPage(table, { ...options, startKey })
    yield page
    startKey = page.lastKey
  } while (startKey)
}

/** Every page to the end, items as plain values. */
export async function* scanPages(table: Table, options: ScanOptions = {}): AsyncGenerator<Page> {
  for await (const page of scanStoredPages(table, options)) {
    yield { items: page.items.map((item) => unmarshallItem(item)), lastKey: page.lastKey }
  }
}
