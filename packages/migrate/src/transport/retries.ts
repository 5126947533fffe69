/**
 * Retries and rate limits, as a transport wrapping a transport: every request
 * waits for the rate limiter, and what is worth re-sending (throttling, 5xx,
 * dropped connections, transactions lost to concurrent ones: core's
 * classifier says which) is re-sent with capped exponential backoff and full
 * jitter. A migration is long and unattended, so it is more patient than the
 * adapter. This is the migration's only retry layer: the CLI's SDK client
 * makes one attempt per request (`maxAttempts: 1`), and library callers
 * should pass a transport that does the same, or the attempts multiply.
 * Writes carry a ClientRequestToken, so re-sending a transaction that did
 * land is not applied twice.
 */
import type { Transport } from "@dynamoauth/core"
import { classifyError, backoffDelay as jitteredDelay } from "@dynamoauth/core/internal"
import { type RateLimit, RateLimiter } from "./rate-limit.js"
import { consumedWriteUnits, estimatedWriteUnits } from "./write-units.js"

export interface RetryOptions {
  /** Attempts per request, the first included. @default 10 */
  attempts?: number
  /** First backoff ceiling in ms; it doubles per attempt. @default 50 */
  baseMs?: number
  /** Largest backoff in ms. @default 20000 */
  capMs?: number
}

export const DEFAULT_RETRY: Required<RetryOptions> = { attempts: 10, baseMs: 50, capMs: 20_000 }

/** Sending the same request again may succeed: core's classifier says retryable, or a conflict. */
export function isRetryable(error: unknown): boolean {
  const c = classifyError(error)
  return c.retryable || c.code === "CONFLICT"
}

/** Core's capped exponential backoff with full jitter, with this package's patience. */
export function backoffDelay(attempt: number, options: Required<RetryOptions> = DEFAULT_RETRY) {
  return jitteredDelay(attempt, { baseDelayMs: options.baseMs, maxDelayMs: options.capMs })
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener("abort", done)
      resolve()
    }
    signal?.addEventListener("abort", done, { once: true })
  })
}

/**
 * `transport`, rate limited and retried. Each attempt is reported through
 * `onAttempt` (so core's request events count attempts and throttling); the
 * wrapped transport is not asked to report its own.
 */
export function withRetries(
  transport: Transport,
  options: { retry?: RetryOptions; rateLimit?: RateLimit } = {},
): Transport {
  const retry = { ...DEFAULT_RETRY, ...options.retry }
  const limiter = new RateLimiter(options.rateLimit)
  return {
    async send(operation, input, sendOptions) {
      const { onAttempt, ...rest } = sendOptions ?? {}
      const estimate = estimatedWriteUnits(operation, input)
      for (let attempt = 0; ; attempt++) {
        await limiter.acquire(estimate)
        try {
          const output = await transport.send(operation, input, rest)
          onAttempt?.({ throttled: false })
          // What DynamoDB reports beyond the estimate is charged too (when it reports any).
          limiter.charge(consumedWriteUnits(operation, output) - estimate)
          return output
        } catch (error) {
          onAttempt?.({ throttled: classifyError(error).throttled })
          if (!isRetryable(error) || attempt + 1 >= retry.attempts) throw error
          await sleep(backoffDelay(attempt, retry))
        }
      }
    },
  }
}
