/**
 * Dates the legacy adapters stored as ISO strings become what the current
 * layout stores: `getTime() / 1000` (epoch seconds, fractional when the date
 * has milliseconds), exactly the number the official adapter writes, so a
 * migrated item and a freshly written one are indistinguishable and TTL works.
 */
import type { AttributeValue } from "@dynamoauth/core"
import { marshall, toEpochSeconds } from "@dynamoauth/core/internal"

/** Milliseconds since the epoch from an ISO date string, or undefined if it does not parse. */
export function parseIsoMillis(text: string): number | undefined {
  // Only full ISO 8601 date-times: Date.parse also accepts "1", "May 3", … which are not dates here.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return undefined
  const millis = Date.parse(text)
  return Number.isNaN(millis) ? undefined : millis
}

export function epochSecondsValue(millis: number): AttributeValue {
  return marshall(toEpochSeconds(millis)) as AttributeValue
}

// Epoch milliseconds passed 1e11 in 1973 and epoch seconds will not reach it before the year 5138.
const MILLIS_THRESHOLD = 1e11

/**
 * next-auth v3 passed `accessTokenExpires` through unchanged: a number (seconds or milliseconds),
 * an ISO string, or null. Returns epoch seconds, or undefined when there is no usable date.
 */
export function legacyExpiryToMillis(value: AttributeValue | undefined): number | undefined {
  if (!value) return undefined
  if ("S" in value) return parseIsoMillis(value.S)
  if ("N" in value) {
    const number = Number(value.N)
    if (!Number.isFinite(number) || number <= 0) return undefined
    return number >= MILLIS_THRESHOLD ? number : number * 1000
  }
  return undefined
}
