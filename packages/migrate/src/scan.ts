/**
 * One scan segment, a page at a time, following LastEvaluatedKey to the end.
 * Strongly consistent, so an item written just before is seen as written.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html#Scan.ParallelScan
 */
import type { AttributeMap } from "@dynamoauth/core"
import type { MigrationClient } from "./client.js"

/** DynamoDB allows at most a million segments. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html */
export const MAX_TOTAL_SEGMENTS = 1_000_000

export interface ScanPage {
  items: AttributeMap[]
  /** Where the next page starts; undefined after the last page. */
  lastKey: AttributeMap | undefined
}

export interface SegmentScan {
  tableName: string
  segment: number
  totalSegments: number
  /** Resume after this key (from a checkpoint). */
  startKey?: AttributeMap
  /** Items per page (smaller pages: checkpoints more often, less memory). */
  pageSize: number
  operation: string
  /** More of the Scan's input: a projection, a filter and their names and values. */
  input?: Record<string, unknown>
}

export async function* scanSegment(
  client: MigrationClient,
  scan: SegmentScan,
): AsyncGenerator<ScanPage> {
  let startKey = scan.startKey
  do {
    const out = await client.send(scan.operation, "Scan", {
      TableName: scan.tableName,
      Segment: scan.segment,
      TotalSegments: scan.totalSegments,
      Limit: scan.pageSize,
      ConsistentRead: true,
      ...scan.input,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    })
    startKey = out.LastEvaluatedKey as AttributeMap | undefined
    yield { items: (out.Items ?? []) as AttributeMap[], lastKey: startKey }
  } while (startKey)
}
