/** Options of plan, run and verify. */
import type { DynamoDBAdapterOptions, Transport } from "@dynamoauth/core"
import type { RateLimit } from "./transport/rate-limit.js"
import type { RetryOptions } from "./transport/retries.js"

export interface Progress {
  command: "plan" | "run" | "verify"
  scanned: number
  migrated: number
  unchanged: number
  failed: number
  conflicts: number
  nonconforming: number
  elapsedMs: number
  itemsPerSecond: number
  segmentsDone: number
  segmentsTotal: number
}

export interface MigrateOptions extends DynamoDBAdapterOptions {
  /** How requests reach DynamoDB (adapter-node's `createNodeTransport(client)`). */
  transport: Transport
  /** Copy every item, migrated, into this existing table instead of changing the source in place (verify: check this table). */
  targetTable?: string
  /** Remove attributes the current layout no longer writes (createdAt, updatedAt, username, v3 account fields, sessions' accessToken). @default false */
  dropLegacy?: boolean
  /** Scan segments the table is split into. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html#Scan.ParallelScan @default 4 */
  totalSegments?: number
  /** Segments this process handles (to split a table across machines). @default all of them */
  segments?: number[]
  /** Segments scanned at the same time. @default min(totalSegments, 4) */
  concurrency?: number
  /** Items per scan page; a checkpoint is saved after each page. @default 100 */
  pageSize?: number
  /** Items per TransactWriteItems request for re-keys and copies (at most 100 actions, 4 MB); in-place changes are single UpdateItems. @default 25 */
  batchSize?: number
  /** Path of a checkpoint file: resume from it if present, delete it when done. */
  checkpoint?: string
  rateLimit?: RateLimit
  retry?: RetryOptions
  /** Stops after the pages in flight; the checkpoint allows resuming. */
  signal?: AbortSignal
  /** Called after every page. */
  onProgress?: (progress: Progress) => void
  /** verify: items of unknown shape count as nonconforming. @default false */
  strict?: boolean
  /**
   * Also check (plan, verify) and write (run) the claims that guard users'
   * emails, provider accounts and passkeys, for items written without them
   * (by the official or the v3-era adapter). Costs one BatchGetItem per page,
   * and one conditional PutItem per missing claim. @default false
   */
  claims?: boolean
}

export const DEFAULTS = { totalSegments: 4, pageSize: 100, batchSize: 25, maxConcurrency: 4 }
