/**
 * The scan → write loop under every migration command (plan, run and verify,
 * to the current Auth.js layout or to Better Auth). Segments are scanned in
 * parallel, a page at a time (./segments.ts); a page's writes finish before
 * its checkpoint is saved, so a resumed run starts at the first page that may
 * not be fully written (and re-reading a written item finds nothing to do).
 * Memory is one page per worker plus bounded reports, whatever the table
 * size. What happens to a page is the command's `processPage`; the loop owns
 * the settings, transport, checkpoint, progress and report.
 */
import {
  type AttributeMap,
  createKeys,
  type Keys,
  type ResolvedTableOptions,
  resolveTableOptions,
  type Transport,
} from "@dynamoauth/core"
import type { Table } from "@dynamoauth/core/internal"
import { type CheckpointState, CheckpointWriter, loadCheckpoint } from "../checkpoint/file.js"
import { usageError } from "../errors.js"
import { DEFAULTS, type MigrateOptions } from "../options.js"
import { ReportDetails } from "../report/details.js"
import { type Counters, mergeCounters, type Report, rate } from "../report/report.js"
import { migrationTransport, type Usage } from "../transport/usage.js"
import { MAX_TOTAL_SEGMENTS, scanSegments } from "./segments.js"

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
  /** The caller's transport, retried and rate limited; `usage` counts what it cost. */
  transport: Transport
  usage: Usage
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

/** Validates the options shared by every command and wraps the transport; throws a usage error on bad input. */
export function openLoop(command: Command, operation: string, options: LoopOptions): Loop {
  const resolved = resolveTableOptions(options)
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
  const keys = createKeys(resolved)
  return {
    command,
    operation,
    options,
    resolved,
    keys,
    ...migrationTransport(options.transport, {
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
      table: resolved.tableName,
      operation,
    }),
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

/** The table functions' context for `tableName`, with the loop's key names and transport. */
export function tableOf(loop: Loop, tableName: string): Table {
  return { transport: loop.transport, names: { ...loop.resolved, tableName } }
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
  const { options, segments } = loop
  const { state, loaded, totals } = await resume(loop, work)
  const scannedBefore = loaded?.counters.scanned ?? 0
  const checkpoint = options.checkpoint ? new CheckpointWriter(options.checkpoint) : undefined
  const progress = () =>
    options.onProgress?.({
      command: loop.command,
      scanned: totals.scanned,
      migrated: totals.migrated,
      unchanged: totals.unchanged,
      failed: totals.failed,
      conflicts: totals.conflicts,
      nonconforming: totals.nonconforming,
      elapsedMs: Date.now() - loop.started,
      itemsPerSecond: rate(totals.scanned - scannedBefore, Date.now() - loop.started),
      segmentsDone: segments.filter((s) => state.segments[s]?.done).length,
      segmentsTotal: segments.length,
    })

  progress()
  const interrupted = await scanSegments(
    {
      table: tableOf(loop, work.table),
      operation: loop.operation,
      segments: segments.filter((s) => !state.segments[s]?.done),
      totalSegments: loop.totalSegments,
      concurrency: loop.concurrency,
      pageSize: loop.pageSize,
      startKey: (segment) => state.segments[segment]?.lastKey,
      ...(options.signal ? { signal: options.signal } : {}),
    },
    async (page, segment) => {
      const local = work.counters()
      await work.processPage(page.items, local)
      mergeCounters(totals, local)
      state.segments[segment] = {
        done: page.lastKey === undefined,
        ...(page.lastKey ? { lastKey: page.lastKey } : {}),
      }
      await checkpoint?.save(state)
      progress()
      return undefined
    },
  )
  if (!interrupted) await checkpoint?.remove()
  return report(loop, work, { totals, interrupted, resumed: loaded !== undefined, scannedBefore })
}

/** The checkpoint's state to go on from (a fresh one when there is none). */
async function resume<C extends Counters>(loop: Loop, work: LoopWork<C>) {
  const { command, options, resolved, segments, totalSegments } = loop
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
  return { state, loaded, totals }
}

function report<C extends Counters>(
  loop: Loop,
  work: LoopWork<C>,
  run: { totals: C; interrupted: boolean; resumed: boolean; scannedBefore: number },
): Report & C {
  const { command, details, usage, started } = loop
  const { totals, interrupted } = run
  const finished = Date.now()
  const ok =
    !interrupted &&
    (command === "plan" || (command === "run" ? totals.failed === 0 : totals.nonconforming === 0))
  return {
    command,
    table: work.table,
    ...(work.targetTable ? { targetTable: work.targetTable } : {}),
    segments: { total: loop.totalSegments, processed: loop.segments },
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    itemsPerSecond: rate(totals.scanned - run.scannedBefore, finished - started),
    retries: usage.retries,
    throttled: usage.throttled,
    consumedCapacity: { ...usage.consumedCapacity },
    interrupted,
    resumed: run.resumed,
    ok,
    ...totals,
    samples: details.samples,
    failures: details.failures,
    failuresNotListed: details.failuresNotListed,
  }
}
