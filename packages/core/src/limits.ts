/** DynamoDB service limits the adapter works within. */

/** Items per BatchWriteItem request. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html */
export const MAX_BATCH_WRITE = 25

/** Keys per BatchGetItem request. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html */
export const MAX_BATCH_GET = 100

/** Items per TransactWriteItems request. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html */
export const MAX_TRANSACT_ITEMS = 100

/** Key values, in UTF-8 bytes: partition keys 2048, sort keys 1024 (index keys alike). https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-partition-sort-keys */
export const MAX_PARTITION_KEY_BYTES = 2048
export const MAX_SORT_KEY_BYTES = 1024

/** Rounds of re-sending unprocessed batch items, or conflicting transactions, before giving up. */
export const MAX_RETRY_ROUNDS = 8

/** Backoff between those rounds: full jitter under a capped exponential. */
export const RETRY_BASE_MS = 25
export const RETRY_CAP_MS = 1000

export interface Backoff {
  baseDelayMs: number
  maxDelayMs: number
}

/**
 * Capped exponential backoff with full jitter: a uniform wait in
 * [0, min(cap, base * 2^attempt)), so concurrent clients spread out.
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function backoffDelay(attempt: number, settings: Backoff, random = Math.random): number {
  return Math.floor(random() * Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** attempt))
}

export function backoff(attempt: number): Promise<void> {
  const ms = backoffDelay(attempt, { baseDelayMs: RETRY_BASE_MS, maxDelayMs: RETRY_CAP_MS })
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * The name of the error a key builder throws when a value would make a key
 * longer than DynamoDB allows. A lookup turns it into "nothing found"
 * ({@link findOr}); anywhere else it is a value that cannot be stored, which
 * the one error wrapper (`withErrors`) reports as INVALID_INPUT naming the field.
 */
export const KEY_TOO_LONG = "KeyTooLong"

/**
 * The value, if it fits in `limit` UTF-8 bytes; otherwise a KEY_TOO_LONG error
 * naming `field` and the limit (never the value). Every key builder of both
 * layouts measures its keys with it, so no request is ever built with a key
 * DynamoDB would refuse.
 */
export function fitKey(value: string, limit: number, field: string): string {
  // UTF-8 needs at most 3 bytes per UTF-16 unit: only long strings are measured.
  if (value.length * 3 > limit && new TextEncoder().encode(value).length > limit) {
    const error = new Error(`${field} is over DynamoDB's ${limit}-byte key limit`)
    error.name = KEY_TOO_LONG
    throw error
  }
  return value
}

/**
 * What `find` finds, or `nothing` when a key it builds is past DynamoDB's
 * limits: no item can have such a key, so the lookup ends there, before any
 * request. Every lookup of both layouts runs through it.
 */
export async function findOr<T, N>(nothing: N, find: () => Promise<T>): Promise<T | N> {
  try {
    return await find()
  } catch (error) {
    if ((error as Error)?.name === KEY_TOO_LONG) return nothing
    throw error
  }
}
