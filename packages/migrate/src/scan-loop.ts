/**
 * The scan → write loop under every migration command (plan, run and verify,
 * to the current Auth.js layout or to Better Auth). Segments are scanned in
 * parallel, a page at a time; a page's writes finish before its checkpoint is
 * saved, so a resumed run starts at the first page that may not be fully
 * written (and re-reading a written item finds nothing to do). Memory is one
 * page per worker plus bounded reports, whatever the table size. What happens
 * to a page is the command's `processPage`; the loop owns the settings,
 * client, checkpoint, progress and report.
 */
import {
  type AttributeMap,
  createKeys,
  type Keys,
  type ResolvedTableOptions,
  resolveTableOptions,
} from "@dynamoauth/core"
import { type CheckpointState, CheckpointWriter, loadCheckpoint } from "./checkpoint.js"
import { createMigrationClient, type MigrationClient } from "./client.js"
import { usageError } from "./errors.js"
import { DEFAULTS, type MigrateOptions } from "./options.js"
import { type Counters, mergeCounters, type Report, rate } from "./report.js"
import { ReportDetails } from "./report-details.js"
import { MAX_TOTAL_SEGMENTS, scanSegment } from "./scan.js"

export type Command = Report["command"]

/** The options every command takes (the rest of MigrateOptions is the Auth.js migration's own). */
export type LoopOptions = Omit<MigrateOptions, "dropLegacy" | "claims" | "strict">

/** A command's settings, validated, and what its pages share. */
export interface Loop {
  command: Command
  /** Names the command in errors, e.g. `migrate.run`. */
  operation: string
  options: LoopOptions
  resolved: ResolvedTableOptions
  keys: Keys
  client: MigrationClient
  /** Samples and failures for the report. */
  details: ReportDetails
  totalSegments: number
  segments: number[]
  pageSize: number
  batchSize: number
  concurrency: number
  /** When the run started (ms since the epoch). */
  started: number
}

/** Validates the options shared by every command and creates the client; throws a usage error on bad input. */
export function openLoop(command: Command, operation: string, options: LoopOptions): Loop {
  const resolved = resolveTableOptions(options)
  const keys = createKeys(resolved)
  const totalSegments = options.totalSegments ?? DEFAULTS.totalSegments
  if (!Number.isInteger(totalSegments) || totalSegments < 1 || totalSegments > MAX_TOTAL_SEGMENTS)
    throw usageError(operation, `totalSegments must be an integer from 1 to ${MAX_TOTAL_SEGMENTS}`)
  const segments = options.segments ?? Array.from({ length: totalSegments }, (_, i) => i)
  for (const segment of segments) {
    if (!Number.isInteger(segment) || segment < 0 || segment >= totalSegments)
      throw usageError(operation, `segment ${segment} is not in 0…${totalSegments - 1}`)
  }
  // Validates the target table's name by the same rules as the source's.
  if (options.targetTable !== undefined)
    resolveTableOptions({ ...resolved, tableName: options.targetTable })
  if (options.targetTable === resolved.tableName)
    throw usageError(operation, "targetTable is the source table; leave it out to migrate in place")
  const positive = (value: number, name: string) => {
    if (!Number.isInteger(value) || value < 1)
      throw usageError(operation, `${name} must be a positive integer`)
    return value
  }
  const client = createMigrationClient(options.transport, {
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  })
  return {
    command,
    operation,
    options,
    resolved,
    keys,
    client,
    details: new ReportDetails(keys),
    totalSegments,
    segments,
    pageSize: positive(options.pageSize ?? DEFAULTS.pageSize, "pageSize"),
    batchSize: positive(options.batchSize ?? DEFAULTS.batchSize, "batchSize"),
    concurrency: positive(
      options.concurrency ?? Math.min(segments.length, DEFAULTS.maxConcurrency),
      "concurrency",
    ),
    started: Date.now(),
  }
}

export interface LoopWork<C extends Counters> {
  /** The command's own settings a resume must match (the table, key names and segments are added). */
  fingerprint: Record<string, unknown>
  /** The table scanned, and named in the report. */
  table: string
  /** Named in the report as `targetTable`. */
  targetTable?: string | undefined
  /** Fresh counters of the command's shape. */
  counters: () => C
  /** Handles one page, counting into `local`; its checkpoint is saved when this resolves. */
  processPage: (items: AttributeMap[], local: C) => Promise<void>
}

/** Scans `work.table` through `processPage`, resuming from and saving the checkpoint; returns the report. */
export async function runLoop<C extends Counters>(
  loop: Loop,
  work: LoopWork<C>,
): Promise<Report & C> {
  const { command, options, resolved, client, details, segments, totalSegments, started } = loop
  // Resolved names: options that spell out a default resume a run that left it out, and a
  // different layout is refused.
  const fingerprint = {
    command,
    table: resolved.tableName,
    targetTable: options.targetTable ?? null,
    keys: [
      resolved.partitionKey,
      resolved.sortKey,
      resolved.indexPartitionKey,
      resolved.indexSortKey,
    ],
    ...work.fingerprint,
    totalSegments,
    segments,
  }
  const checkpoint = options.checkpoint ? new CheckpointWriter(options.checkpoint) : undefined
  const loaded = options.checkpoint
    ? await loadCheckpoint(options.checkpoint, {
        fingerprint,
        segments,
        counters: work.counters(),
        keys: loop.keys,
      })
    : undefined
  const totals = work.counters()
  if (loaded) mergeCounters(totals, loaded.counters)
  const state: CheckpointState = { fingerprint, segments: loaded?.segments ?? {}, counters: totals }
  const scannedBefore = loaded?.counters.scanned ?? 0

  let interrupted = false
  const progress = () => {
    const elapsedMs = Date.now() - started
    options.onProgress?.({
      command,
      scanned: totals.scanned,
      migrated: totals.migrated,
      unchanged: totals.unchanged,
      failed: totals.failed,
      conflicts: totals.conflicts,
      nonconforming: totals.nonconforming,
      elapsedMs,
      itemsPerSecond: rate(totals.scanned - scannedBefore, elapsedMs),
      segmentsDone: segments.filter((s) => state.segments[s]?.done).length,
      segmentsTotal: segments.length,
    })
  }

  const processSegment = async (segment: number) => {
    const startKey = state.segments[segment]?.lastKey
    const pages = scanSegment(client, {
      tableName: work.table,
      segment,
      totalSegments,
      pageSize: loop.pageSize,
      operation: loop.operation,
      ...(startKey ? { startKey } : {}),
    })
    for await (const page of pages) {
      if (options.signal?.aborted) {
        interrupted = true
        return
      }
      const local = work.counters()
      await work.processPage(page.items, local)
      mergeCounters(totals, local)
      state.segments[segment] = {
        done: page.lastKey === undefined,
        ...(page.lastKey ? { lastKey: page.lastKey } : {}),
      }
      await checkpoint?.save(state)
      progress()
    }
    state.segments[segment] = { done: true }
  }

  const queue = segments.filter((s) => !state.segments[s]?.done)
  const worker = async () => {
    for (let segment = queue.shift(); segment !== undefined; segment = queue.shift()) {
      if (options.signal?.aborted) {
        interrupted = true
        return
      }
      await processSegment(segment)
    }
  }
  progress()
  await Promise.all(
    Array.from({ length: Math.min(loop.concurrency, Math.max(queue.length, 1)) }, worker),
  )
  if (!interrupted) await checkpoint?.remove()

  const finished = Date.now()
  const ok =
    !interrupted &&
    (command === "plan" || (command === "run" ? totals.failed === 0 : totals.nonconforming === 0))
  return {
    command,
    table: work.table,
    ...(work.targetTable ? { targetTable: work.targetTable } : {}),
    segments: { total: totalSegments, processed: segments },
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    itemsPerSecond: rate(totals.scanned - scannedBefore, finished - started),
    retries: client.retries,
    throttled: client.throttled,
    consumedCapacity: { ...client.consumedCapacity },
    interrupted,
    resumed: loaded !== undefined,
    ok,
    ...totals,
    samples: details.samples,
    failures: details.failures,
    failuresNotListed: details.failuresNotListed,
  }
}
