/** Turns what a transport throws into a DynamoAuthError naming the adapter operation. */
import { DynamoAuthError, type DynamoAuthErrorCode, isDynamoAuthError } from "./errors.js"
import type { ResolvedOptions } from "./options.js"
import type { TransportErrorShape } from "./transport.js"

const THROTTLING = new Set([
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
      `table "${options.tableName}" was not found (create it with \`dynamoauth init\`, or check the tableName option, region and credentials)`,
    )
  }
  if (/specified index|index.*does not exist|not have the specified index/i.test(text)) {
    return make(
      "INDEX_NOT_FOUND",
      `table "${options.tableName}" has no index "${options.indexName}" (check the indexName option; the index needs keys ${options.indexPartitionKey}/${options.indexSortKey} and projection ALL)`,
    )
  }
  if (/item size|maximum allowed size|size has exceeded/i.test(text)) {
    return make(
      "ITEM_TOO_LARGE",
      "the item exceeds DynamoDB's 400 KB item size limit; nothing was written",
    )
  }
  if (THROTTLING.has(name) || reasons.includes("ThrottlingError")) {
    return make("THROTTLED", "DynamoDB kept throttling the request after all retries")
  }
  if (reasons.length > 0 && reasons.every((r) => r === "TransactionConflict" || r === "None")) {
    return make("CONFLICT", "concurrent transactions kept conflicting after all retries")
  }
  if (name === "TimeoutError" || name === "AbortError") {
    return make("TIMEOUT", "the request timed out or was aborted")
  }
  if (name === "NetworkError") return make("NETWORK_ERROR", "the network failed after all retries")
  if (name === "ValidationException")
    return make("DYNAMODB_ERROR", `DynamoDB rejected the request: ${text}`)
  return make(
    "DYNAMODB_ERROR",
    `DynamoDB request failed${reasons.length ? ` [${reasons.join(", ")}]` : ""}`,
  )
}
