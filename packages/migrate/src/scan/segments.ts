/**
 * The package's one scan: segments of a parallel scan, `concurrency` at a
 * time, each a page at a time through core's `scanStoredPages` (items as
 * stored, so what is written back keeps every number's text and set type).
 * Used by the migration commands, the email-collision pass and doctor.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html#Scan.ParallelScan
 */
import type { AttributeMap } from "@dynamoauth/core"
import { type Expression, type Page, scanStoredPages, type Table } from "@dynamoauth/core/internal"
import { migrateError } from "../errors.js"

/** DynamoDB allows at most a million segments. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html */
export const MAX_TOTAL_SEGMENTS = 1_000_000

export interface SegmentsScan {
  table: Table
  /** Names the command in errors, e.g. `migrate.run`. */
  operation: string
  /** The segments to scan, of `totalSegments` (left out: the table as one segment). */
  segments: number[]
  totalSegments?: number
  /** Segments scanned at the same time. */
  concurrency: number
  /** Items read per page. */
  pageSize: number
  /** Strongly consistent (an item written just before is seen as written). @default true */
  consistent?: boolean
  filter?: Expression
  /** Where a segment resumes (a checkpoint's position). */
  startKey?: (segment: number) => AttributeMap | undefined
  /** Stops before the next page; the scan then reports itself interrupted. */
  signal?: AbortSignal
}

/** What a page handler returns: `"stop"` ends its segment there. */
export type PageHandler = (
  page: Page<AttributeMap>,
  segment: number,
) => Promise<"stop" | undefined> | "stop" | undefined

/** Scans every segment through `onPage`; true when the signal stopped it. */
export async function scanSegments(scan: SegmentsScan, onPage: PageHandler): Promise<boolean> {
  let interrupted = false
  const queue = [...scan.segments]
  const scanSegment = async (segment: number) => {
    const startKey = scan.startKey?.(segment)
    for await (const page of pagesOf(scan, segment, startKey)) {
      if (scan.signal?.aborted) {
        interrupted = true
        return
      }
      if ((await onPage(page, segment)) === "stop") return
    }
  }
  const worker = async () => {
    for (let segment = queue.shift(); segment !== undefined; segment = queue.shift()) {
      if (scan.signal?.aborted) {
        interrupted = true
        return
      }
      await scanSegment(segment)
    }
  }
  await Promise.all(
    Array.from({ length: Math.min(scan.concurrency, Math.max(queue.length, 1)) }, worker),
  )
  return interrupted
}

/** One segment's pages; a failed scan request becomes an error naming the command and table. */
async function* pagesOf(scan: SegmentsScan, segment: number, startKey: AttributeMap | undefined) {
  try {
    yield* scanStoredPages(scan.table, {
      ...(scan.totalSegments !== undefined ? { segment, totalSegments: scan.totalSegments } : {}),
      limit: scan.pageSize,
      consistent: scan.consistent ?? true,
      ...(scan.filter ? { filter: scan.filter } : {}),
      ...(startKey ? { startKey } : {}),
    })
  } catch (error) {
    throw migrateError(error, scan.operation, `(Scan on ${scan.table.names.tableName})`)
  }
}
