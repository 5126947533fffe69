/**
 * The official adapter's helpers, with the same names and output shapes:
 * `format.to` / `format.from` convert between Auth.js objects and stored
 * objects (Dates as ISO strings, `expires` as epoch seconds for TTL), and
 * `generateUpdateExpression` builds an UpdateItem expression.
 */

import { MARKER_TYPES } from "./keys.js"
import { DEFAULT_OPTIONS } from "./options.js"

/**
 * The attribute DynamoDB TTL reads, stored as epoch seconds ({@link toEpochSeconds}):
 * the one name every item of both layouts, secondary storage and `dynamoauth init` use.
 */
export const TTL_ATTRIBUTE = "expires"

// The same test as @auth/core's `isDate` (its three alternatives folded into
// one): an ISO 8601 date-time, seconds and fraction optional, that parses. Its
// digit ranges (month 0x-1x, …) are left out: Date.parse rejects what they did.
const ISO_DATE = /\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[+-]\d\d:\d\d|Z)/

export function isDate(value: unknown): value is string {
  return typeof value === "string" && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))
}

/**
 * A time (a Date, or epoch milliseconds) as epoch seconds: the one conversion
 * of every epoch the packages write, with one rounding rule, none. The
 * milliseconds are kept as a fraction, as the official adapter writes
 * `expires` (`getTime() / 1000`), so a date read back equals the one written
 * to the millisecond; DynamoDB TTL takes any number, fractional or not.
 */
export function toEpochSeconds(time: Date | number): number {
  return (typeof time === "number" ? time : time.getTime()) / 1000
}

export function fromEpochSeconds(seconds: number): Date {
  // Rounding undoes the float error of seconds × 1000 (x.123 × 1000 may be …122.99999).
  return new Date(Math.round(seconds * 1000))
}

/** Auth.js object → stored object. */
export function toStored(object: Record<string, unknown>): Record<string, unknown> {
  const stored: Record<string, unknown> = {}
  for (const key of Object.keys(object)) {
    const value = object[key]
    stored[key] =
      value instanceof Date
        ? key === TTL_ATTRIBUTE
          ? toEpochSeconds(value)
          : value.toISOString()
        : value
  }
  return stored
}

/** Stored object → Auth.js object, without key attributes or type markers. */
export function fromStored<T>(
  object: Record<string, unknown> | undefined | null,
  keyAttributes: readonly string[],
): T | null {
  if (!object) return null
  const result: Record<string, unknown> = {}
  for (const key of Object.keys(object)) {
    if (keyAttributes.includes(key)) continue
    const value = object[key]
    if (key === "type" && typeof value === "string" && MARKER_TYPES.has(value)) continue
    result[key] = isDate(value)
      ? new Date(value)
      : key === TTL_ATTRIBUTE && typeof value === "number"
        ? fromEpochSeconds(value)
        : value
  }
  return result as T
}

/** The official adapter's `format` helper: `to` stores an Auth.js object, `from` reads one back (default key names removed). */
export const format = {
  /** Takes a plain old JavaScript object and turns it into a DynamoDB object. */
  to(object: Record<string, any>): Record<string, unknown> {
    return toStored(object)
  },
  /** Takes a Dynamo object and returns a plain old JavaScript object (default key names removed). */
  from<T = Record<string, unknown>>(object?: Record<string, any>): T | null {
    const { partitionKey, sortKey, indexPartitionKey, indexSortKey } = DEFAULT_OPTIONS
    return fromStored<T>(object, [partitionKey, sortKey, indexPartitionKey, indexSortKey])
  },
}

/** What `generateUpdateExpression` returns: the UpdateItem fields of the same names. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html */
export interface UpdateExpression {
  UpdateExpression: string
  ExpressionAttributeNames: Record<string, string>
  ExpressionAttributeValues: Record<string, unknown>
}

/**
 * A `set` expression for every defined property. Placeholders are indexed
 * (`#p0`, `:v0`), so attribute names with any characters work — the official
 * helper used the names themselves and failed on `a-b`, `a.b` or spaces.
 */
export function generateUpdateExpression(object: Record<string, any>): UpdateExpression {
  const set = setExpression(toStored(object))
  return {
    UpdateExpression: set?.expression ?? "set ",
    ExpressionAttributeNames: set?.names ?? {},
    ExpressionAttributeValues: set?.values ?? {},
  }
}

/** `set #p0 = :v0, …` over the defined properties of stored data; undefined when none is defined. */
export function setExpression(stored: Record<string, unknown>) {
  const names: Record<string, string> = {}
  const values: Record<string, unknown> = {}
  const parts: string[] = []
  for (const [name, value] of Object.entries(stored)) {
    if (value === undefined) continue
    const i = parts.length
    parts.push(`#p${i} = :v${i}`)
    names[`#p${i}`] = name
    values[`:v${i}`] = value
  }
  return parts.length ? { expression: `set ${parts.join(", ")}`, names, values } : undefined
}
