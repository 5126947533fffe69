/** Turns what a transport throws into a DynamoAuthError naming the adapter operation. */
import { DynamoAuthError, type DynamoAuthErrorCode, isDynamoAuthError } from "./errors.js"
import type { ResolvedOptions } from "./options.js"
import type { TransportErrorShape } from "./transport.js"

/** Error types DynamoDB uses for throttling (HTTP 400, safe to retry). */
export const THROTTLING_ERRORS: ReadonlySet<string> = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
])

export function isConditionFailure(error: unknown): boolean {
  return (error as TransportErrorShape)?.name === "ConditionalCheckFailedException"
}

export function cancellationReasons(error: unknown): string[] | undefined {
  const e = error as TransportErrorShape
  return e?.name === "TransactionCanceledException" ? (e.cancellationReasons ?? []) : undefined
}

export function toDynamoAuthError(
  error: unknown,
  operation: string,
  options: ResolvedOptions,
): DynamoAuthError {
  if (isDynamoAuthError(error)) return error
  const e = error as TransportErrorShape
  const name = typeof e?.name === "string" ? e.name : "UnknownError"
  const text = typeof e?.message === "string" ? e.message : ""
  const reasons = e?.cancellationReasons ?? []
  const make = (code: DynamoAuthErrorCode, message: string) =>
    new DynamoAuthError({ code, operation, message, awsErrorName: name, cause: error })

  if (name === "ResourceNotFoundException") {
    return make(
      "TABLE_NOT_FOUND",
      `table "${options.tableName}" not found (check tableName, region, credentials)`,
    )
  }
  if (/index/i.test(text) && /specified|not exist/i.test(text)) {
    return make(
      "INDEX_NOT_FOUND",
      `table "${options.tableName}" has no index "${options.indexName}"`,
    )
  }
  if (/item size|allowed size/i.test(text)) {
    return make("ITEM_TOO_LARGE", "item over DynamoDB's 400 KB limit; nothing was written")
  }
  if (THROTTLING_ERRORS.has(name) || reasons.includes("ThrottlingError"))
    return make("THROTTLED", "throttled after all retries")
  if (reasons.length && reasons.every((r) => r === "TransactionConflict" || r === "None")) {
    return make("CONFLICT", "conflicting transactions after all retries")
  }
  if (name === "TimeoutError" || name === "AbortError")
    return make("TIMEOUT", "timed out or aborted")
  if (name === "NetworkError") return make("NETWORK_ERROR", "network failed after all retries")
  return make(
    "DYNAMODB_ERROR",
    name === "ValidationException" ? `rejected: ${text}` : `failed ${reasons.join(",")}`,
  )
}
