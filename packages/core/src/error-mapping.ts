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
  const text = typeof e?.message === "string" ? e.message : String(error)
  const reasons = e?.cancellationReasons ?? []
  const code: DynamoAuthErrorCode =
    name === "ResourceNotFoundException"
      ? "TABLE_NOT_FOUND"
      : /index/i.test(text) && /specified|not exist/i.test(text)
        ? "INDEX_NOT_FOUND"
        : /item size|allowed size/i.test(text)
          ? "ITEM_TOO_LARGE"
          : THROTTLING_ERRORS.has(name) || reasons.includes("ThrottlingError")
            ? "THROTTLED"
            : onlyConflicts(reasons)
              ? "CONFLICT"
              : name === "TimeoutError" || name === "AbortError"
                ? "TIMEOUT"
                : name === "NetworkError"
                  ? "NETWORK_ERROR"
                  : "DYNAMODB_ERROR"
  // DynamoDB's messages do not name the table or index: say which. Every other
  // message is the transport's, which never holds request data or credentials.
  const message =
    code === "TABLE_NOT_FOUND"
      ? `table "${options.tableName}" not found (check tableName, region, credentials)`
      : code === "INDEX_NOT_FOUND"
        ? `table "${options.tableName}" has no index "${options.indexName}"`
        : reasons.length
          ? `${text} [${reasons}]`
          : text
  return new DynamoAuthError({ code, operation, message, awsErrorName: name, cause: error })
}
