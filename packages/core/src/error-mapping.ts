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

/** A transaction cancelled only because concurrent transactions touched its items: worth retrying. */
export function onlyConflicts(reasons: string[] | undefined): boolean | undefined {
  return (
    reasons?.includes("TransactionConflict") &&
    reasons.every((r) => r === "TransactionConflict" || r === "None")
  )
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
  const [code, message]: [DynamoAuthErrorCode, string] =
    name === "ResourceNotFoundException"
      ? [
          "TABLE_NOT_FOUND",
          `table "${options.tableName}" not found (check tableName, region, credentials)`,
        ]
      : /index/i.test(text) && /specified|not exist/i.test(text)
        ? ["INDEX_NOT_FOUND", `table "${options.tableName}" has no index "${options.indexName}"`]
        : /item size|allowed size/i.test(text)
          ? ["ITEM_TOO_LARGE", "item over DynamoDB's 400 KB limit; nothing was written"]
          : THROTTLING_ERRORS.has(name) || reasons.includes("ThrottlingError")
            ? ["THROTTLED", "throttled after all retries"]
            : onlyConflicts(reasons)
              ? ["CONFLICT", "conflicting transactions after all retries"]
              : name === "TimeoutError" || name === "AbortError"
                ? ["TIMEOUT", "timed out or aborted"]
                : name === "NetworkError"
                  ? ["NETWORK_ERROR", "network failed after all retries"]
                  : [
                      "DYNAMODB_ERROR",
                      name === "ValidationException" ? `rejected: ${text}` : `failed ${reasons}`,
                    ]
  return new DynamoAuthError({ code, operation, message, awsErrorName: name, cause: error })
}
