/**
 * Which failures are worth another attempt, and how long to wait before it.
 * aws4fetch's own retries cover HTTP 5xx and 429 only, while DynamoDB reports
 * throttling as HTTP 400 with a `__type`, so the transport decides here.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
 */

/** Error types DynamoDB uses for throttling (HTTP 400, safe to retry). */
export const THROTTLING_ERRORS: ReadonlySet<string> = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
])

export interface Backoff {
  baseDelayMs: number
  maxDelayMs: number
}

/**
 * A response is retried when DynamoDB throttled it or failed on its side.
 * Conditional-check failures, validation errors and cancelled transactions
 * (even all-conflict ones: core decides those) are answers, not failures.
 */
export function isRetryableResponse(status: number, errorName: string): boolean {
  return status >= 500 || status === 429 || THROTTLING_ERRORS.has(errorName)
}

/**
 * Capped exponential backoff with full jitter: a uniform wait in
 * [0, min(cap, base * 2^retry)), so concurrent clients spread out.
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function backoffDelay(retry: number, settings: Backoff, random = Math.random): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** retry)
  return Math.floor(random() * ceiling)
}
