/**
 * Retries what is worth retrying: throttling, 5xx, dropped connections and
 * transaction conflicts, with capped exponential backoff and full jitter.
 * A migration is long and unattended, so it is more patient than the adapter.
 */
import {
  backoffDelay as jitteredDelay,
  THROTTLING_ERRORS,
  type TransportErrorShape,
} from "@dynamoauth/core"

export interface RetryOptions {
  /** Attempts per request, the first included. @default 10 */
  attempts?: number
  /** First backoff ceiling in ms; it doubles per attempt. @default 50 */
  baseMs?: number
  /** Largest backoff in ms. @default 20000 */
  capMs?: number
}

export const DEFAULT_RETRY: Required<RetryOptions> = { attempts: 10, baseMs: 50, capMs: 20_000 }

const TRANSIENT = new Set([
  "InternalServerError",
  "ServiceUnavailable",
  "TransactionInProgressException",
  "NetworkError",
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
])
const NETWORK_CODES = new Set([
  "ECONNRESET",
  "EPIPE",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
])

export function isThrottling(error: unknown): boolean {
  const e = error as TransportErrorShape
  return (
    THROTTLING_ERRORS.has(e?.name) || (e?.cancellationReasons ?? []).includes("ThrottlingError")
  )
}

export function isRetryable(error: unknown): boolean {
  const e = error as TransportErrorShape & { code?: string; $retryable?: unknown; cause?: any }
  if (!e || typeof e !== "object") return false
  if (isThrottling(e) || TRANSIENT.has(e.name)) return true
  if (typeof e.statusCode === "number" && e.statusCode >= 500) return true
  if (NETWORK_CODES.has(e.code ?? "") || NETWORK_CODES.has(e.cause?.code ?? "")) return true
  if (/socket hang up|ECONNRESET|network|fetch failed/i.test(String(e.message))) return true
  const reasons = e.cancellationReasons ?? []
  return (
    e.name === "TransactionCanceledException" &&
    reasons.length > 0 &&
    reasons.some((r) => r === "TransactionConflict") &&
    reasons.every((r) => r === "TransactionConflict" || r === "None")
  )
}

/** Core's capped exponential backoff with full jitter, with this package's patience. */
export function backoffDelay(attempt: number, options: Required<RetryOptions>): number {
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

/** Runs `attempt` until it succeeds, fails for good, or the attempts run out. */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  options: Required<RetryOptions>,
  onRetry?: (error: unknown) => void,
): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt()
    } catch (error) {
      if (!isRetryable(error) || i + 1 >= options.attempts) throw error
      onRetry?.(error)
      await sleep(backoffDelay(i, options))
    }
  }
}
