/** What one adapter and transport went through: operations, faults, checks and violations. */

export interface Violation {
  /** The invariant broken, e.g. "one user per email". */
  invariant: string
  /** What was seen, naming entities by their test labels (never an item's values). */
  detail: string
}

export interface Tally {
  /** Calls made, by kind (adapter method, or Better Auth endpoint). */
  ops: Record<string, number>
  /** Calls that ended in an error, by error code. */
  errors: Record<string, number>
  /** Faults the proxies injected, by kind. */
  faults: Record<string, number>
  checks: number
  violations: Violation[]
  /** Violations of invariants this target only reports (see Campaign.reported). */
  reported: Violation[]
  /** fast-check runs (histories) and the wall time they took. */
  runs: number
  wallMs: number
}

export const newTally = (): Tally => ({
  ops: {},
  errors: {},
  faults: {},
  checks: 0,
  violations: [],
  reported: [],
  runs: 0,
  wallMs: 0,
})

export const sum = (counts: Record<string, number>) =>
  Object.values(counts).reduce((total, n) => total + n, 0)

export function add(counts: Record<string, number>, key: string, n = 1): void {
  counts[key] = (counts[key] ?? 0) + n
}

/** `into` plus `from`, counted per kind (violations appended). */
export function merge(into: Tally, from: Tally): void {
  for (const [k, n] of Object.entries(from.ops)) add(into.ops, k, n)
  for (const [k, n] of Object.entries(from.errors)) add(into.errors, k, n)
  for (const [k, n] of Object.entries(from.faults)) add(into.faults, k, n)
  into.checks += from.checks
  into.violations.push(...from.violations)
  into.reported.push(...from.reported)
  into.runs += from.runs
  into.wallMs += from.wallMs
}

/**
 * A check: counts it and records a violation when `ok` is false. Returns `ok`.
 */
export function check(tally: Tally, ok: boolean, invariant: string, detail: () => string): boolean {
  tally.checks++
  if (!ok) tally.violations.push({ invariant, detail: detail() })
  return ok
}

/** An error's code for the counts: DynamoAuthError's code, else the error's name. */
export function errorCode(error: unknown): string {
  const e = error as { code?: unknown; name?: unknown }
  if (typeof e?.code === "string") return e.code
  return typeof e?.name === "string" ? e.name : "unknown"
}
