/**
 * The transport a migration sends through: the caller's, retried and rate
 * limited (./retries.ts), with core's request events counting what it cost —
 * retries, throttled attempts and the capacity units DynamoDB reported (every
 * request asks `ReturnConsumedCapacity: "TOTAL"`; failed requests report none).
 */
import type { Transport } from "@dynamoauth/core"
import { withRequestEvents } from "@dynamoauth/core/internal"
import type { RateLimit } from "./rate-limit.js"
import { type RetryOptions, withRetries } from "./retries.js"

export interface Usage {
  /** Requests sent again (throttling, resets, 5xx, conflicts). */
  retries: number
  /** Attempts DynamoDB throttled. */
  throttled: number
  /** Capacity units consumed, as DynamoDB reported them. */
  consumedCapacity: { readUnits: number; writeUnits: number }
}

export function migrationTransport(
  transport: Transport,
  options: { retry?: RetryOptions; rateLimit?: RateLimit; table: string; operation: string },
): { transport: Transport; usage: Usage } {
  const usage: Usage = {
    retries: 0,
    throttled: 0,
    consumedCapacity: { readUnits: 0, writeUnits: 0 },
  }
  const retried = withRetries(transport, options)
  const measured = withRequestEvents(
    retried,
    options.table,
    (event) => {
      usage.retries += event.attempts - 1
      usage.throttled += event.throttled
      usage.consumedCapacity.readUnits += event.consumedCapacity?.readUnits ?? 0
      usage.consumedCapacity.writeUnits += event.consumedCapacity?.writeUnits ?? 0
    },
    options.operation,
  )
  return { transport: measured, usage }
}
