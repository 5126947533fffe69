/**
 * Which key answers a `where`, beyond id and claims: the member partition
 * of a lookup the schema declares (docs/layout.md), and which `deleteMany`
 * DynamoDB TTL already answers. Pure: the store asks, then reads.
 */
import type { ModelInfo } from "./schema.js"
import type { Where } from "./where.js"

/**
 * The first of the model's lookups (in the order schema.ts ranks them) whose
 * fields the `where` fixes by equality, with their values; the model-wide
 * list (`[]`) fits any `where`.
 */
export function lookupFor(
  info: ModelInfo,
  equal: Map<string, unknown>,
): { fields: string[]; values: unknown[] } | undefined {
  const fields = info.lookups.find((l) => l.every((f) => equal.has(f)))
  return fields && { fields, values: fields.map((f) => equal.get(f)) }
}

/**
 * Whether a `deleteMany` only removes records DynamoDB TTL already expires:
 * every clause is an AND on the model's expiry field, `lt`/`lte` a time no
 * later than `now` (or `ne null`). Better Auth sends these to prune expired
 * verifications, API keys and rate-limit rows; it checks the expiry itself on
 * every read (a rate-limit row past its window is reset, not trusted), so
 * such a row left to TTL changes no answer, and the prune costs no scan.
 */
export function leftToTtl(info: ModelInfo, where: Where[], now = Date.now()): boolean {
  const field = info.expires
  if (!field || !where.length) return false
  let bounded = false
  for (const clause of where) {
    if (clause.connector === "OR" || clause.field !== field) return false
    if (clause.operator === "ne" && clause.value === null) continue
    if (clause.operator !== "lt" && clause.operator !== "lte") return false
    const time = timeOf(clause.value)
    if (time === undefined || time > now) return false
    bounded = true
  }
  return bounded
}

function timeOf(value: unknown): number | undefined {
  if (typeof value === "number") return value
  if (value instanceof Date) return value.getTime()
  if (typeof value === "string") {
    const time = Date.parse(value)
    return Number.isFinite(time) ? time : undefined
  }
  return undefined
}
