/**
 * What a checkpoint file may hold, checked before the CLI uses any of it: a
 * file on disk can be stale, truncated, hand-edited or planted. Its shape,
 * every type, every segment number and counter name, and the scan position
 * (the table's two key attributes, each a string, number or binary) are
 * checked; a `__proto__`, `constructor` or `prototype` key anywhere is
 * refused while parsing, so nothing read can reach `Object.prototype`.
 * Errors name the file and what is wrong, never a value from it (keys hold
 * session tokens).
 */
import type { AttributeMap, Keys } from "@dynamoauth/core"
import { usageError } from "../errors.js"
import { decodeKey } from "../json-values.js"
import type { Counters } from "../report/report.js"

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"])
const TOP_LEVEL = ["version", "fingerprint", "segments", "counters"]

export interface CheckpointExpectations {
  version: number
  fingerprint: Record<string, unknown>
  /** The segments this run processes. */
  segments: number[]
  /** Fresh counters of the command's shape: the names and types the file's counters must have. */
  counters: Counters
  keys: Keys
}

export interface ValidCheckpoint {
  segments: Record<number, { done: boolean; lastKey?: AttributeMap }>
  counters: Counters
}

export function parseCheckpoint(
  text: string,
  path: string,
  expected: CheckpointExpectations,
): ValidCheckpoint {
  const invalid = (what: string) =>
    usageError(
      "checkpoint",
      `${path} is not a valid checkpoint (${what}); delete it to start over, or pass --checkpoint with another file`,
    )
  let json: unknown
  try {
    json = JSON.parse(text, (key, value) => {
      if (FORBIDDEN_KEYS.has(key)) throw invalid(`it holds the key "${key}"`)
      return value
    })
  } catch (error) {
    if ((error as { code?: string }).code === "INVALID_OPTION") throw error
    throw invalid("not JSON")
  }
  if (!isRecord(json)) throw invalid("not a JSON object")
  const extra = Object.keys(json).find((k) => !TOP_LEVEL.includes(k))
  if (extra !== undefined) throw invalid(`unexpected field "${extra}"`)
  if (json.version !== expected.version) {
    throw usageError(
      "checkpoint",
      `${path} was written by another version of dynamoauth; delete it to start over`,
    )
  }
  if (JSON.stringify(json.fingerprint) !== JSON.stringify(expected.fingerprint)) {
    const settings = isRecord(json.fingerprint) ? ` (${JSON.stringify(json.fingerprint)})` : ""
    throw usageError(
      "checkpoint",
      `${path} belongs to a run with other settings${settings}; use the same settings, or delete it to start over`,
    )
  }
  return {
    segments: validSegments(json.segments, expected, invalid),
    counters: validCounters(json.counters, expected.counters, invalid),
  }
}

function validSegments(
  value: unknown,
  expected: CheckpointExpectations,
  invalid: (what: string) => Error,
): ValidCheckpoint["segments"] {
  if (!isRecord(value)) throw invalid("segments is not an object")
  const { keys } = expected
  const segments: ValidCheckpoint["segments"] = {}
  for (const [name, progress] of Object.entries(value)) {
    const segment = Number(name)
    if (!/^\d+$/.test(name) || !expected.segments.includes(segment))
      throw invalid(`segment "${name}" is not one this run processes`)
    if (!isRecord(progress) || typeof progress.done !== "boolean")
      throw invalid(`segment ${segment} has no boolean "done"`)
    const extra = Object.keys(progress).find((k) => k !== "done" && k !== "lastKey")
    if (extra !== undefined) throw invalid(`segment ${segment} has an unexpected field "${extra}"`)
    if (progress.lastKey === undefined) {
      segments[segment] = { done: progress.done }
      continue
    }
    const lastKey = progress.lastKey
    const names = [keys.partitionKey, keys.sortKey]
    if (
      !isRecord(lastKey) ||
      Object.keys(lastKey).length !== names.length ||
      !names.every((n) => isKeyValue(lastKey[n]))
    )
      throw invalid(`segment ${segment}'s position is not a key of ${names.join(" and ")}`)
    segments[segment] = { done: progress.done, lastKey: decodeKey(lastKey) }
  }
  return segments
}

/** An `S`, `N` or `B` value (binary as `{ $base64 }`), as key attributes are. */
function isKeyValue(value: unknown): boolean {
  if (!isRecord(value) || Object.keys(value).length !== 1) return false
  if (typeof value.S === "string") return true
  if (typeof value.N === "string") return Number.isFinite(Number(value.N))
  const b = value.B
  return isRecord(b) && Object.keys(b).length === 1 && typeof b.$base64 === "string"
}

function validCounters(
  value: unknown,
  shape: Counters,
  invalid: (what: string) => Error,
): Counters {
  if (!isRecord(value)) throw invalid("counters is not an object")
  const counters = structuredClone(shape)
  for (const [name, count] of Object.entries(value)) {
    if (!Object.hasOwn(shape, name)) throw invalid(`unknown counter "${name}"`)
    const slot = (shape as unknown as Record<string, unknown>)[name]
    if (typeof slot === "number") {
      if (!isCount(count)) throw invalid(`counter "${name}" is not a count`)
      ;(counters as unknown as Record<string, number>)[name] = count
      continue
    }
    if (!isRecord(count)) throw invalid(`counter "${name}" is not an object`)
    const map = (counters as unknown as Record<string, Record<string, number>>)[name]!
    for (const [entry, n] of Object.entries(count)) {
      if (!isCount(n)) throw invalid(`counter "${name}.${entry}" is not a count`)
      map[entry] = n
    }
  }
  return counters
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}
