/**
 * What plan, run and verify return (and the CLI prints as JSON). Bounded in
 * size whatever the table size: counts, a few samples, the first failures.
 */
import type { ItemKind } from "../to-authjs/transform/index.js"

/** Samples kept per change name, and in all. */
export const SAMPLES_PER_CHANGE = 2
export const MAX_SAMPLES = 20
/** Failures listed individually; the rest are only counted. */
export const MAX_LISTED_FAILURES = 50

export interface Counters {
  /** Items read by the scan. */
  scanned: number
  /** Items written (changed in place, re-keyed, or copied to the target). */
  migrated: number
  /** Items already in the current layout (or, for plan/verify, conforming). */
  unchanged: number
  /** Items that could not be migrated; see `failures`. */
  failed: number
  /** Writes whose condition failed because someone else changed the item meanwhile (then re-read and retried, or reported). */
  conflicts: number
  /** Items deleted by someone else between the scan and the write (nothing to do). */
  vanished: number
  /** Copy mode: items already in the target exactly as they would be written. */
  alreadyPresent: number
  /** verify: items that do not conform to the current layout. */
  nonconforming: number
  /** Items the current layout does not know (left alone). */
  unknown: number
  /** Items with a problem the migration cannot fix (see `problems`). */
  needsAttention: number
  perKind: Partial<Record<ItemKind, number>>
  /** plan/verify: items needing each change; run: items written with each change. */
  changes: Record<string, number>
  problems: Record<string, number>
  /**
   * With `claims`: items whose claim is `present`, `missing` or `taken` (by
   * another user) when read, and (run) claims `written`.
   */
  claims: Record<string, number>
}

export interface Sample {
  kind: ItemKind
  key: Record<string, string>
  changes: string[]
  /** Only the attributes that change; secrets and tokens redacted. */
  before: Record<string, unknown>
  after: Record<string, unknown>
}

export interface Failure {
  kind: ItemKind
  key: Record<string, string>
  reason: string
  awsErrorName?: string
}

export interface Report extends Counters {
  command: "plan" | "run" | "verify"
  table: string
  targetTable?: string
  segments: { total: number; processed: number[] }
  startedAt: string
  finishedAt: string
  durationMs: number
  itemsPerSecond: number
  retries: number
  throttled: number
  /**
   * Capacity units this command consumed (this process; a resumed run counts
   * from its resume), as DynamoDB reported them for every request that
   * succeeded (each asks `ReturnConsumedCapacity: "TOTAL"`).
   */
  consumedCapacity: { readUnits: number; writeUnits: number }
  /** True when stopped early (signal); resume from the checkpoint. */
  interrupted: boolean
  /** True when a checkpoint of an earlier, interrupted run was resumed. */
  resumed: boolean
  /** verify: every item conforms; run: nothing failed; plan: always true. */
  ok: boolean
  samples: Sample[]
  failures: Failure[]
  failuresNotListed: number
}

export function emptyCounters(): Counters {
  return {
    scanned: 0,
    migrated: 0,
    unchanged: 0,
    failed: 0,
    conflicts: 0,
    vanished: 0,
    alreadyPresent: 0,
    nonconforming: 0,
    unknown: 0,
    needsAttention: 0,
    perKind: {},
    changes: {},
    problems: {},
    claims: {},
  }
}

/** Adds `from` into `into`. */
export function mergeCounters(into: Counters, from: Counters): void {
  for (const key of Object.keys(from) as (keyof Counters)[]) {
    const value = from[key]
    if (typeof value === "number") (into[key] as number) += value
    else {
      const target = into[key] as Record<string, number>
      for (const [name, count] of Object.entries(value)) target[name] = (target[name] ?? 0) + count
    }
  }
}

export function bump(map: Record<string, number>, name: string, by = 1): void {
  map[name] = (map[name] ?? 0) + by
}

/** Items per second over `ms` (0 before any time has passed). */
export function rate(items: number, ms: number): number {
  return ms > 0 ? Math.round((items * 1000) / ms) : 0
}
