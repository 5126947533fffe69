/**
 * plan / run / verify for `--to better-auth`: the same scan loop as the
 * Auth.js migration (parallel segments, a page at a time, checkpoint after a
 * page's writes), with writes that only ever add items. Each Auth.js item
 * becomes one transaction: a check that the source item is unchanged since
 * it was read, the Better Auth record put where nothing exists, and its
 * claims put where nothing exists. The Auth.js items are never changed, so
 * the migration can be re-run, resumed or rolled back (delete the new items).
 * Before writing, one consistent BatchGetItem per page reads the records and
 * claims the page maps to: what is already there is not written again, which
 * is what makes a second run write nothing and what `verify` checks.
 */
import { createLayout } from "@dynamoauth/better-auth/layout"
import { type AttributeMap, createKeys } from "@dynamoauth/core"
import {
  type Item,
  inChunks,
  MAX_BATCH_GET,
  marshallItem,
  resolveTableOptions,
  unmarshallItem,
} from "@dynamoauth/core/internal"
import { itemSize } from "../attributes.js"
import { type CheckpointState, CheckpointWriter, loadCheckpoint } from "../checkpoint.js"
import { createMigrationClient } from "../client.js"
import { migrateError, usageError } from "../errors.js"
import { DEFAULTS, type MigrateOptions } from "../options.js"
import { redactedKey, redactedValue } from "../redact.js"
import {
  bump,
  type Counters,
  emptyCounters,
  type Failure,
  MAX_LISTED_FAILURES,
  MAX_SAMPLES,
  mergeCounters,
  type Report,
  rate,
  SAMPLES_PER_CHANGE,
  type Sample,
} from "../report.js"
import { isRetryable } from "../retry.js"
import { MAX_TOTAL_SEGMENTS, scanSegment } from "../scan.js"
import { notExists, primaryKey, type Transaction, unchanged } from "../write-plan.js"
import { executeGroup, groupWrites } from "../writer.js"
import { type BetterAuthMapping, type SessionsMode, toBetterAuth } from "./transform.js"

export interface ToBetterAuthOptions
  extends Omit<MigrateOptions, "dropLegacy" | "claims" | "strict"> {
  /** Sessions become Better Auth sessions with the same token (`keep`), or are not migrated (`drop`). @default "keep" */
  sessions?: SessionsMode
}

export interface BetterAuthCounters extends Counters {
  /** Items that map to nothing, by reason (`session.dropped`, `session.expired`, `claim`, `better-auth`, …). */
  skipped: Record<string, number>
}

export interface BetterAuthReport extends Report, BetterAuthCounters {
  to: "better-auth"
  sessions: SessionsMode
}

type Command = Report["command"]

/** Re-reads of one source item that keeps changing before it is reported. */
const MAX_CONFLICT_ROUNDS = 5
// Errors no other item would escape either: stop (the checkpoint allows resuming).
const FATAL = new Set([
  "ResourceNotFoundException",
  "AccessDeniedException",
  "UnrecognizedClientException",
])

export async function runToBetterAuth(
  command: Command,
  options: ToBetterAuthOptions,
): Promise<BetterAuthReport> {
  const operation = `migrate.${command} --to better-auth`
  const sessions = options.sessions ?? "keep"
  if (sessions !== "keep" && sessions !== "drop")
    throw usageError(operation, 'sessions must be "keep" or "drop"')
  const resolved = resolveTableOptions(options)
  const keys = createKeys(resolved)
  const layout = createLayout(keys)
  const totalSegments = options.totalSegments ?? DEFAULTS.totalSegments
  if (!Number.isInteger(totalSegments) || totalSegments < 1 || totalSegments > MAX_TOTAL_SEGMENTS)
    throw usageError(operation, `totalSegments must be an integer from 1 to ${MAX_TOTAL_SEGMENTS}`)
  const segments = options.segments ?? Array.from({ length: totalSegments }, (_, i) => i)
  for (const segment of segments) {
    if (!Number.isInteger(segment) || segment < 0 || segment >= totalSegments)
      throw usageError(operation, `segment ${segment} is not in 0…${totalSegments - 1}`)
  }
  if (options.targetTable === resolved.tableName)
    throw usageError(operation, "targetTable is the source table; leave it out to migrate in place")
  const positive = (value: number, name: string) => {
    if (!Number.isInteger(value) || value < 1)
      throw usageError(operation, `${name} must be a positive integer`)
    return value
  }
  const pageSize = positive(options.pageSize ?? DEFAULTS.pageSize, "pageSize")
  const batchSize = positive(options.batchSize ?? DEFAULTS.batchSize, "batchSize")
  const concurrency = positive(
    options.concurrency ?? Math.min(segments.length, DEFAULTS.maxConcurrency),
    "concurrency",
  )
  const client = createMigrationClient(options.transport, {
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  })
  const source = resolved.tableName
  const target = options.targetTable ?? source

  const fingerprint = {
    command,
    to: "better-auth",
    sessions,
    table: source,
    targetTable: options.targetTable ?? null,
    // As given, not resolved (unlike migrate's own engine): checkpoints already written hold null
    // for a name left at its default, and must still resume.
    keys: [
      options.partitionKey,
      options.sortKey,
      options.indexPartitionKey,
      options.indexSortKey,
    ].map((k) => k ?? null),
    totalSegments,
    segments,
  }
  const checkpoint = options.checkpoint ? new CheckpointWriter(options.checkpoint) : undefined
  const loaded = options.checkpoint
    ? await loadCheckpoint(options.checkpoint, fingerprint)
    : undefined
  const state: CheckpointState = loaded ?? { fingerprint, segments: {}, counters: counters() }
  const totals = state.counters as BetterAuthCounters
  totals.skipped ??= {}
  const started = Date.now()
  // Sessions and tokens already expired at the start are skipped (Better Auth would refuse them).
  const context = { keys, layout, sessions, now: new Date(started) }
  const samples: Sample[] = []
  const sampled: Record<string, number> = {}
  const failures: Failure[] = []
  let failuresNotListed = 0

  const fail = (
    local: BetterAuthCounters,
    item: AttributeMap,
    m: BetterAuthMapping,
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
      kind: m.kind,
      key: redactedKey(item, keys),
      reason,
      ...(awsErrorName ? { awsErrorName } : {}),
    })
  }

  const sample = (item: AttributeMap, m: BetterAuthMapping) => {
    if (samples.length >= MAX_SAMPLES || !m.items[0]) return
    if (!m.changes.some((c) => (sampled[c] ?? 0) < SAMPLES_PER_CHANGE)) return
    for (const c of m.changes) bump(sampled, c)
    const after = marshallItem(m.items[0])
    const show = (from: AttributeMap) =>
      Object.fromEntries(Object.keys(from).map((name) => [name, redactedValue(name, from, keys)]))
    samples.push({
      kind: m.kind,
      key: redactedKey(item, keys),
      changes: m.changes,
      before: show(item),
      after: show(after),
    })
  }

  /** The transaction that adds one item's records and claims, if the source is still as read. */
  const plan = (item: AttributeMap, m: BetterAuthMapping): Transaction => {
    const [record, ...claims] = m.items.map((i) => marshallItem(i))
    const put = (Item: AttributeMap) => ({
      Put: { TableName: target, Item, ...notExists(keys.partitionKey) },
    })
    const size = itemSize(record!) + claims.reduce((n, c) => n + itemSize(c), 0)
    return {
      actions: [
        {
          role: "check-source",
          action: {
            ConditionCheck: {
              TableName: source,
              Key: primaryKey(item, keys),
              ...unchanged(item, Object.keys(item), Object.keys(item), keys),
            },
          },
        },
        { role: "put-target", action: put(record!) },
        ...claims.map((claim) => ({ role: "put-claim" as const, action: put(claim) })),
      ],
      writeUnits: 2 * (1 + claims.length + Math.ceil(size / 1024)),
      bytes: 2 * itemSize(item) + size,
    }
  }

  /** Reads (strongly consistent) what is at each key; keys are `pk\0sk`. */
  const read = async (table: string, wanted: Item[]): Promise<Map<string, Item>> => {
    const found = new Map<string, Item>()
    const unique = new Map<string, AttributeMap>()
    for (const item of wanted) unique.set(id(item), marshallItem(primary(item)))
    try {
      await inChunks([...unique.values()], MAX_BATCH_GET, "BatchGetItem", async (Keys) => {
        const out = await client.send(operation, "BatchGetItem", {
          RequestItems: { [table]: { Keys, ConsistentRead: true } },
        })
        for (const raw of out.Responses?.[table] ?? []) {
          const plain = unmarshallItem(raw)
          found.set(id(plain), plain)
        }
        return out.UnprocessedKeys?.[table]?.Keys
      })
    } catch (error) {
      throw migrateError(error, operation, `(BatchGetItem on ${table})`)
    }
    return found
  }
  const primary = (item: Item) => ({
    [keys.partitionKey]: item[keys.partitionKey],
    [keys.sortKey]: item[keys.sortKey],
  })
  const id = (item: Item) => `${item[keys.partitionKey]}\u0000${item[keys.sortKey]}`

  /** present: record and claims there; missing: record absent; taken: a claim held by another record. */
  const status = (m: BetterAuthMapping, existing: Map<string, Item>) => {
    const [record, ...claims] = m.items
    const there = existing.get(id(record!))
    const taken = claims.some((c) => {
      const held = existing.get(id(c))
      return held !== undefined && held._ref !== c._ref
    })
    if (taken) return "taken"
    if (!there) return "missing"
    return claims.every((c) => existing.has(id(c))) ? "present" : "claims-missing"
  }

  const getSource = async (item: AttributeMap) => {
    const out = await client.send(operation, "GetItem", {
      TableName: source,
      Key: primaryKey(item, keys),
      ConsistentRead: true,
    })
    return out.Item as AttributeMap | undefined
  }

  /** Writes one item's transaction and settles its outcome, re-reading the source when it changed. */
  const write = async (
    local: BetterAuthCounters,
    item: AttributeMap,
    m: BetterAuthMapping,
    round = 0,
  ): Promise<void> => {
    const [outcome] = await executeGroup(client, [plan(item, m)])
    await settle(local, item, m, outcome!, round)
  }

  const settle = async (
    local: BetterAuthCounters,
    item: AttributeMap,
    m: BetterAuthMapping,
    outcome: Awaited<ReturnType<typeof executeGroup>>[number],
    round: number,
  ): Promise<void> => {
    if (outcome.status === "written") {
      local.migrated++
      for (const c of m.changes) bump(local.changes, c)
      return
    }
    if (outcome.status === "error") {
      const name = (outcome.error as Error)?.name ?? ""
      if (FATAL.has(name) || isRetryable(outcome.error))
        throw migrateError(outcome.error, operation, "(writing Better Auth records)")
      fail(local, item, m, `DynamoDB refused the write (${name})`, outcome.error)
      return
    }
    if (outcome.role === "put-target" || outcome.role === "put-claim") {
      // Already there: an earlier attempt whose answer was lost, or another runner; or a claim someone else holds.
      const existing = await read(target, m.items)
      const state = status(m, existing)
      if (state === "present" || (state === "claims-missing" && outcome.role === "put-target")) {
        local.alreadyPresent++
        return
      }
      local.needsAttention++
      bump(local.problems, "claim.taken")
      fail(
        local,
        item,
        m,
        "a unique value (email, provider account, token or credential) is held by another record; left both alone",
      )
      return
    }
    // The source item changed or vanished since it was read.
    local.conflicts++
    if (round >= MAX_CONFLICT_ROUNDS) {
      fail(local, item, m, `the item kept changing during ${MAX_CONFLICT_ROUNDS} attempts`)
      return
    }
    const fresh = await getSource(item)
    if (!fresh) {
      local.vanished++
      return
    }
    const again = toBetterAuth(fresh, context)
    if (!again.items.length) {
      bump(local.skipped, again.skipped ?? "other")
      return
    }
    await write(local, fresh, again, round + 1)
  }

  const processPage = async (items: AttributeMap[], local: BetterAuthCounters) => {
    const mappings = items.map((item) => toBetterAuth(item, context))
    const existing = await read(
      target,
      mappings.flatMap((m) => m.items),
    )
    const pending: { item: AttributeMap; m: BetterAuthMapping }[] = []
    for (const [i, item] of items.entries()) {
      const m = mappings[i]!
      local.scanned++
      bump(local.perKind as Record<string, number>, m.kind)
      for (const code of m.problems) bump(local.problems, code)
      if (m.problems.length) local.needsAttention++
      if (!m.items.length) {
        if (m.skipped === "unknown") local.unknown++
        bump(local.skipped, m.skipped ?? "other")
        continue
      }
      const state = status(m, existing)
      if (state === "present") {
        local.unchanged++
        continue
      }
      if (state === "taken") {
        local.needsAttention++
        bump(local.problems, "claim.taken")
        if (command === "verify") local.nonconforming++
        else if (command === "run")
          fail(
            local,
            item,
            m,
            "a unique value (email, provider account, token or credential) is held by another record; left both alone",
          )
        continue
      }
      if (command === "verify") {
        local.nonconforming++
        sample(item, m)
      } else if (command === "plan" || state === "claims-missing") {
        // plan: would write. run: a record whose claim someone deleted is left to verify to report.
        if (command === "plan") {
          local.migrated++
          for (const c of m.changes) bump(local.changes, c)
          sample(item, m)
        } else local.unchanged++
      } else pending.push({ item, m })
    }
    if (command !== "run" || !pending.length) return
    // Several items per transaction (distinct items); a page's checkpoint waits for all of them.
    const transactions = pending.map(({ item, m }, i) => ({ ...plan(item, m), i }))
    const groups = groupWrites(transactions, batchSize)
    await Promise.all(
      groups.map(async (group) => {
        const outcomes = await executeGroup(client, group)
        await Promise.all(
          group.map(({ i }, n) => {
            const { item, m } = pending[i]!
            if (outcomes[n]!.status === "written") sample(item, m)
            return settle(local, item, m, outcomes[n]!, 0)
          }),
        )
      }),
    )
  }

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
      itemsPerSecond: rate(totals.scanned - (loaded?.counters.scanned ?? 0), elapsedMs),
      segmentsDone: segments.filter((s) => state.segments[s]?.done).length,
      segmentsTotal: segments.length,
    })
  }
  const processSegment = async (segment: number) => {
    const startKey = state.segments[segment]?.lastKey
    const pages = scanSegment(client, {
      tableName: source,
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
      const local = counters()
      await processPage(page.items, local)
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
    Array.from({ length: Math.min(concurrency, Math.max(queue.length, 1)) }, worker),
  )
  if (!interrupted) await checkpoint?.remove()

  const finished = Date.now()
  const ok =
    !interrupted &&
    (command === "plan" || (command === "run" ? totals.failed === 0 : totals.nonconforming === 0))
  return {
    command,
    to: "better-auth",
    sessions,
    table: source,
    ...(options.targetTable ? { targetTable: options.targetTable } : {}),
    segments: { total: totalSegments, processed: segments },
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    itemsPerSecond: rate(totals.scanned - (loaded?.counters.scanned ?? 0), finished - started),
    retries: client.retries,
    throttled: client.throttled,
    interrupted,
    resumed: loaded !== undefined,
    ok,
    ...totals,
    samples,
    failures,
    failuresNotListed,
  }
}

function counters(): BetterAuthCounters {
  return { ...emptyCounters(), skipped: {} }
}
