/**
 * The scan → transform → write loop behind plan, run and verify. Segments
 * are scanned in parallel, a page at a time; a page's writes finish before
 * its checkpoint is saved, so a resumed run starts at the first page that may
 * not be fully written (and re-reading a written item finds nothing to do).
 * Memory is one page per worker plus bounded reports, whatever the table size.
 */
import { type AttributeMap, createKeys } from "@dynamoauth/core"
import { resolveTableOptions } from "@dynamoauth/core/internal"
import { type CheckpointState, CheckpointWriter, loadCheckpoint } from "./checkpoint.js"
import { checkClaims, writeClaim } from "./claims.js"
import { createMigrationClient } from "./client.js"
import { usageError } from "./errors.js"
import { DEFAULTS, type MigrateOptions } from "./options.js"
import { bump, type Counters, emptyCounters, mergeCounters, type Report, rate } from "./report.js"
import { ReportDetails } from "./report-details.js"
import { MAX_TOTAL_SEGMENTS, scanSegment } from "./scan.js"
import { createSettle } from "./settle.js"
import { type TransformContext, transformItem } from "./transform/index.js"
import { type PlannedWrite, planWrite, type WriteTarget } from "./write-plan.js"
import { executeWrites } from "./writer.js"

type Command = Report["command"]

export async function runEngine(command: Command, options: MigrateOptions): Promise<Report> {
  const operation = `migrate.${command}`
  const resolved = resolveTableOptions(options)
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
  // Validates the target table's name by the same rules as the source's.
  if (options.targetTable !== undefined)
    resolveTableOptions({ ...resolved, tableName: options.targetTable })
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
    claims: options.claims ?? false,
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
  const details = new ReportDetails(keys)
  const settle = createSettle({ client, keys, context, target, operation, details })

  // Claims live beside the items they guard: in the target table when copying.
  const claimTable = command === "verify" ? scanTable : (options.targetTable ?? resolved.tableName)

  const processPage = async (items: AttributeMap[], local: Counters) => {
    const writes: PlannedWrite[] = []
    const results = items.map((item) => transformItem(item, context))
    const claims = options.claims
      ? await checkClaims(client, operation, claimTable, results, keys)
      : []
    for (const [i, item] of items.entries()) {
      local.scanned++
      let result = results[i]!
      const claim = claims[i]
      if (claim) {
        bump(local.claims, claim.status)
        if (claim.status === "taken")
          result = { ...result, problems: [...result.problems, "claim.taken"] }
      }
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
          claim?.status === "missing" ||
          (options.strict && result.kind === "unknown")
        if (bad) {
          local.nonconforming++
          for (const change of result.changes) bump(local.changes, change)
          details.sample(item, result)
        } else local.unchanged++
      } else if (command === "plan") {
        if (needsWrite) {
          local.migrated++
          for (const change of result.changes) bump(local.changes, change)
          details.sample(item, result)
        } else local.unchanged++
      } else if (needsWrite) {
        writes.push(planWrite(item, result, target))
        details.sample(item, result)
      } else local.unchanged++
    }
    // A page's writes go out together (they touch distinct items); its checkpoint waits for all.
    const outcomes = await executeWrites(client, writes, batchSize)
    await Promise.all(writes.map((write, i) => settle(write, outcomes[i]!, local, 0)))
    if (command === "run") {
      const missing = claims.filter((claim) => claim?.status === "missing")
      await Promise.all(
        missing.map(async (claim) => {
          const outcome = await writeClaim(client, operation, claimTable, claim!, keys)
          bump(local.claims, outcome)
          if (outcome === "taken") {
            local.needsAttention++
            bump(local.problems, "claim.taken")
          }
        }),
      )
    }
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
    samples: details.samples,
    failures: details.failures,
    failuresNotListed: details.failuresNotListed,
  }
}

function positive(value: number, name: string, operation: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw usageError(operation, `${name} must be a positive integer`)
  return value
}
