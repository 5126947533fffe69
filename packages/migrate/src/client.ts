/**
 * The transport as the migration uses it: every request waits for the rate
 * limiter, transient failures are retried with backoff, and what finally
 * fails becomes a DynamoAuthError naming the library operation.
 */
import type { DynamoDBBody, DynamoDBOperation, Transport } from "@dynamoauth/core"
import { classifyError } from "@dynamoauth/core/internal"
import { migrateError } from "./errors.js"
import { type RateLimit, RateLimiter } from "./rate-limit.js"
import { DEFAULT_RETRY, type RetryOptions, withRetry } from "./retry.js"

export interface MigrationClient {
  /** Sends with retries; throws the transport's error (for callers that inspect it). */
  raw(operation: DynamoDBOperation, input: DynamoDBBody, writeUnits?: number): Promise<DynamoDBBody>
  /** Sends with retries; throws a DynamoAuthError naming `libraryOperation`. */
  send(
    libraryOperation: string,
    operation: DynamoDBOperation,
    input: DynamoDBBody,
    writeUnits?: number,
  ): Promise<DynamoDBBody>
  /** Retries so far (throttling, resets, 5xx, conflicts). */
  readonly retries: number
  readonly throttled: number
}

export interface ClientOptions {
  retry?: RetryOptions
  rateLimit?: RateLimit
}

export function createMigrationClient(
  transport: Transport,
  options: ClientOptions = {},
): MigrationClient {
  const retry = { ...DEFAULT_RETRY, ...options.retry }
  const limiter = new RateLimiter(options.rateLimit)
  let retries = 0
  let throttled = 0
  const raw: MigrationClient["raw"] = (operation, input, writeUnits = 0) =>
    withRetry(
      async () => {
        await limiter.acquire(writeUnits)
        return transport.send(operation, input)
      },
      retry,
      (error) => {
        retries++
        if (classifyError(error).throttled) throttled++
      },
    )
  return {
    raw,
    async send(libraryOperation, operation, input, writeUnits) {
      try {
        return await raw(operation, input, writeUnits)
      } catch (error) {
        throw migrateError(
          error,
          libraryOperation,
          `(${operation} on ${String(input.TableName ?? "")})`,
        )
      }
    },
    get retries() {
      return retries
    },
    get throttled() {
      return throttled
    },
  }
}
