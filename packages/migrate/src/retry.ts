/**
 * Retries what is worth retrying: throttling, 5xx, dropped connections and
 * transaction conflicts, with capped exponential backoff and full jitter.
 * A migration is long and unattended, so it is more patient than the adapter.
 * This is the migration's only retry layer: the CLI's SDK client makes one
 * attempt per request (`maxAttempts: 1`), and library callers should pass a
 * transport that does the same, or the attempts multiply.
 */
import { classifyError, backoffDelay as jitteredDelay } from "@dynamoauth/core/internal"

export interface RetryOptions {
  /** Attempts per request, the first included. @default 10 */
  attempts?: number
  /** First backoff ceiling in ms; it doubles per attempt. @default 50 */
  baseMs?: number
  /** Largest backoff in ms. @default 20000 */
  capMs?: number
}

export const DEFAULT_RETRY: Required<RetryOptions> = { attempts: 10, baseMs: 50, capMs: 20_000 }

/**
 * Re-sending the same request may succeed (core's classifier), or a
 * transaction lost only to concurrent ones: migrate's writes carry a
 * ClientRequestToken, so re-sending one that did land is not applied twice.
 */
export function isRetryable(error: unknown): boolean {
  const c = classifyError(error)
  return c.retryable || c.code === "CONFLICT"
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
