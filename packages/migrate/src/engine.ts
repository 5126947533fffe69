/**
 * The scan → transform → write loop behind plan, run and verify. Segments
 * are scanned in parallel, a page at a time; a page's writes finish before
 * its checkpoint is saved, so a resumed run starts at the first page that may
 * not be fully written (and re-reading a written item finds nothing to do).
 * Memory is one page per worker plus bounded reports, whatever the table size.
 */
import { type AttributeMap, createKeys, type Keys, resolveOptions } from "@dynamoauth/core"
import { sameItem, sameValue } from "./attributes.js"
import { type CheckpointState, CheckpointWriter, loadCheckpoint } from "./checkpoint.js"
import { createMigrationClient } from "./client.js"
import { migrateError, usageError } from "./errors.js"
import { DEFAULTS, type MigrateOptions } from "./options.js"
import { redactedKey, redactedValue } from "./redact.js"
import {
  bump,
  type Counters,
  emptyCounters,
  type Failure,
  MAX_LISTED_FAILURES,
  MAX_SAMPLES,
  mergeCounters,
  type Report,
  SAMPLES_PER_CHANGE,
  type Sample,
} from "./report.js"
import { isRetryable } from "./retry.js"
import { MAX_TOTAL_SEGMENTS, scanSegment } from "./scan.js"
import { type TransformContext, type TransformResult, transformItem } from "./transform/index.js"
import { type PlannedWrite, planWrite, primaryKey, type WriteTarget } from "./write-plan.js"
import { executeGroup, executeWrites, type WriteOutcome } from "./writer.js"

type Command = Report["command"]

/** Re-reads and re-tries of one item whose condition keeps failing before it is reported. */
export const MAX_CONFLICT_ROUNDS = 5

// Errors that no other item would escape either: stop the run (the checkpoint allows resuming).
const FATAL = new Set([
  "ResourceNotFoundException",
  "AccessDeniedException",
  "UnrecognizedClientException",
])

export async function runEngine(command: Command, options: MigrateOptions): Promise<Report> {
  const operation = `migrate.${command}`
  const resolved = resolveOptions(pickTableOptions(options))
  const keys = createKeys(resolved)
  const totalSegments = options.totalSegments ?? DEFAULTS.totalSegments
  if (!Number.isInteger(totalSegments) || totalSegments < 1 || totalSegments > MAX_TOTAL_SEGMENTS) {
    throw usageError(operation, `totalSegments must be an integer from 1 to ${MAX_TOTAL_SEGMENTS}`)
  }
  const segments = options.segments ?? Array.from({ length: totalSegments }, (_, i) => i)
  for (const segment of segments) {
    if (!Number.isInteger(segment) || segment < 0 || segment >= totalSegments) {
      throw usageError(operation, `segment ${segment} is not in 0…${totalSegments - 1}`)
    }
  }
  if (options.targetTable !== undefined)
    resolveOptions({ ...pickTableOptions(options), tableName: options.targetTable })
  if (options.targetTable === resolved.tableName) {
    throw usageError(operation, "targetTable is the source table; leave it out to migrate in place")
  }
  const pageSize = positive(options.pageSize ?? DEFAULTS.pageSize, "pageSize", operation)
  const batchSize = positive(options.batchSize ?? DEFAULTS.batchSize, "batchSize", operation)
  const concurrency = positive(
    options.concurrency ?? Math.min(segments.length, DEFAULTS.maxConcurrency),
    "concurrency",
    operation,
  )

  const client = createMigrationClient(options.transport, {
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  })
  const context: TransformContext = { keys, dropLegacy: options.dropLegacy ?? false }
  const target: WriteTarget = {
    keys,
    sourceTable: resolved.tableName,
    ...(options.targetTable ? { targetTable: options.targetTable } : {}),
  }

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
    dropLegacy: context.dropLegacy,
    totalSegments,
    segments,
  }
  const checkpoint = options.checkpoint ? new CheckpointWriter(options.checkpoint) : undefined
  const loaded = options.checkpoint
    ? await loadCheckpoint(options.checkpoint, fingerprint)
    : undefined
  const state: CheckpointState = loaded ?? { fingerprint, segments: {}, counters: emptyCounters() }

  // verify with a target table checks the copy, not the source.
  const scanTable =
    command === "verify" && options.targetTable ? options.targetTable : resolved.tableName
  const started = Date.now()
  const samples: Sample[] = []
  const failures: Failure[] = []
  let failuresNotListed = 0
  const sampled: Record<string, number> = {}

  const addSample = (original: AttributeMap, result: TransformResult) => {
    if (samples.length >= MAX_SAMPLES) return
    const wanted = result.changes.find((c) => (sampled[c] ?? 0) < SAMPLES_PER_CHANGE)
    if (!wanted) return
    for (const change of result.changes) bump(sampled, change)
    samples.push(sampleOf(original, result, keys))
  }
  const addFailure = (
    local: Counters,
    item: AttributeMap,
    result: TransformResult,
    reason: string,
    error?: unknown,
  ) => {
    local.failed++
    if (failures.length >= MAX_LISTED_FAILURES) {
      failuresNotListed++
      return
    }
    const awsErrorName = (error as Error | undefined)?.name
    failures.push({
      kind: result.kind,
      key: redactedKey(item, keys),
      reason,
      ...(awsErrorName ? { awsErrorName } : {}),
    })
  }

  const get = async (table: string, key: AttributeMap) => {
    const out = await client.send(operation, "GetItem", {
      TableName: table,
      Key: key,
      ConsistentRead: true,
    })
    return out.Item as AttributeMap | undefined
  }

  /** Handles one write's outcome, re-reading and re-trying after a failed condition. */
  const settle = async (
    write: PlannedWrite,
    outcome: WriteOutcome,
    local: Counters,
    round: number,
  ): Promise<void> => {
    const { original, result } = write
    if (outcome.status === "written") {
      local.migrated++
      for (const change of result.changes) bump(local.changes, change)
      return
    }
    if (outcome.status === "error") {
      const name = (outcome.error as Error)?.name ?? ""
      if (FATAL.has(name) || isRetryable(outcome.error))
        throw migrateError(outcome.error, operation, "(writing migrated items)")
      addFailure(local, original, result, `DynamoDB refused the write (${name})`, outcome.error)
      return
    }
    if (round >= MAX_CONFLICT_ROUNDS) {
      addFailure(
        local,
        original,
        result,
        `the item kept changing during ${MAX_CONFLICT_ROUNDS} attempts`,
      )
      return
    }
    if (outcome.role === "put-target" || outcome.role === "put-new") {
      // Something already exists under the key we write: done before (a lost reply), or someone else's item.
      const table = outcome.role === "put-target" ? target.targetTable! : target.sourceTable
      const existing = await get(table, primaryKey(result.item, keys))
      if (existing && sameItem(existing, result.item)) {
        if (outcome.role === "put-target") {
          local.alreadyPresent++
          return
        }
        // The new token exists as it should: only the old request is left to delete.
        const deleteOld: PlannedWrite = {
          ...write,
          actions: write.actions.filter((a) => a.role === "delete-old"),
        }
        const [next] = await executeGroup(client, [deleteOld])
        return settle(write, next!, local, round + 1)
      }
      if (existing) {
        local.conflicts++
        addFailure(
          local,
          original,
          result,
          `${table} already holds a different item under the migrated key; left both alone`,
        )
        return
      }
    }
    const fresh = await get(target.sourceTable, primaryKey(original, keys))
    // Our own earlier attempt may have landed with its answer lost: then the item is as we wrote it.
    const landed = async () => {
      if (target.targetTable) return false
      if (!result.rekeyed) return fresh !== undefined && sameItem(fresh, result.item)
      const moved = await get(target.sourceTable, primaryKey(result.item, keys))
      return fresh === undefined && moved !== undefined && sameItem(moved, result.item)
    }
    if (await landed()) {
      local.migrated++
      for (const change of result.changes) bump(local.changes, change)
      return
    }
    local.conflicts++
    if (!fresh) {
      local.vanished++
      return
    }
    const again = transformItem(fresh, context)
    if (!target.targetTable && again.changes.length === 0) {
      local.unchanged++
      return
    }
    const retry = planWrite(fresh, again, target)
    const [next] = await executeWrites(client, [retry], 1)
    return settle(retry, next!, local, round + 1)
  }

  const processPage = async (items: AttributeMap[], local: Counters) => {
    const writes: PlannedWrite[] = []
    for (const item of items) {
      local.scanned++
      const result = transformItem(item, context)
      bump(local.perKind as Record<string, number>, result.kind)
      if (result.kind === "unknown") local.unknown++
      if (result.problems.length > 0) {
        local.needsAttention++
        for (const code of result.problems) bump(local.problems, code)
      }
      const needsWrite = result.changes.length > 0 || target.targetTable !== undefined
      if (command === "verify") {
        const bad =
          result.changes.length > 0 ||
          result.problems.length > 0 ||
          (options.strict && result.kind === "unknown")
        if (bad) {
          local.nonconforming++
          for (const change of result.changes) bump(local.changes, change)
          addSample(item, result)
        } else local.unchanged++
      } else if (command === "plan") {
        if (needsWrite) {
          local.migrated++
          for (const change of result.changes) bump(local.changes, change)
          addSample(item, result)
        } else local.unchanged++
      } else if (needsWrite) {
        writes.push(planWrite(item, result, target))
        addSample(item, result)
      } else local.unchanged++
    }
    // A page's writes go out together (they touch distinct items); its checkpoint waits for all.
    const outcomes = await executeWrites(client, writes, batchSize)
    await Promise.all(writes.map((write, i) => settle(write, outcomes[i]!, local, 0)))
  }

  let interrupted = false
  const progress = () => {
    const c = state.counters
    const elapsedMs = Date.now() - started
    options.onProgress?.({
      command,
      scanned: c.scanned,
      migrated: c.migrated,
      unchanged: c.unchanged,
      failed: c.failed,
      conflicts: c.conflicts,
      nonconforming: c.nonconforming,
      elapsedMs,
      itemsPerSecond: rate(c.scanned - (loaded?.counters.scanned ?? 0), elapsedMs),
      segmentsDone: segments.filter((s) => state.segments[s]?.done).length,
      segmentsTotal: segments.length,
    })
  }

  const processSegment = async (segment: number) => {
    const startKey = state.segments[segment]?.lastKey
    const pages = scanSegment(client, {
      tableName: scanTable,
      segment,
      totalSegments,
      pageSize,
      operation,
      ...(startKey ? { startKey } : {}),
    })
    for await (const page of pages) {
      if (options.signal?.aborted) {
        interrupted = true
        return
      }
      const local = emptyCounters()
      await processPage(page.items, local)
      mergeCounters(state.counters, local)
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
    Array.from({ length: Math.min(concurrency, Math.max(queue.length, 1)) }, worker),
  )
  if (!interrupted) await checkpoint?.remove()

  const finished = Date.now()
  const c = state.counters
  const ok =
    !interrupted &&
    (command === "plan" || (command === "run" ? c.failed === 0 : c.nonconforming === 0))
  return {
    command,
    table: scanTable,
    ...(options.targetTable && command !== "verify" ? { targetTable: options.targetTable } : {}),
    segments: { total: totalSegments, processed: segments },
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    itemsPerSecond: rate(c.scanned - (loaded?.counters.scanned ?? 0), finished - started),
    retries: client.retries,
    throttled: client.throttled,
    interrupted,
    resumed: loaded !== undefined,
    ok,
    ...c,
    samples,
    failures,
    failuresNotListed,
  }
}

function sampleOf(original: AttributeMap, result: TransformResult, keys: Keys): Sample {
  const before: Record<string, unknown> = {}
  const after: Record<string, unknown> = {}
  const names = new Set([...Object.keys(original), ...Object.keys(result.item)])
  for (const name of names) {
    if (sameValue(original[name], result.item[name])) continue
    before[name] = redactedValue(name, original, keys)
    after[name] = redactedValue(name, result.item, keys)
  }
  return {
    kind: result.kind,
    key: redactedKey(original, keys),
    changes: result.changes,
    before,
    after,
  }
}

function pickTableOptions(options: MigrateOptions) {
  const { tableName, partitionKey, sortKey, indexName, indexPartitionKey, indexSortKey } = options
  return Object.fromEntries(
    Object.entries({
      tableName,
      partitionKey,
      sortKey,
      indexName,
      indexPartitionKey,
      indexSortKey,
    }).filter(([, v]) => v !== undefined),
  )
}

function positive(value: number, name: string, operation: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw usageError(operation, `${name} must be a positive integer`)
  return value
}

function rate(items: number, ms: number): number {
  return ms > 0 ? Math.round((items * 1000) / ms) : 0
}
