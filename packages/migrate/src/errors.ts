/**
 * Errors of this package: core's DynamoAuthError, naming the library
 * function, with core's code for the failure and this package's advice in
 * the message. Built from the classified (redacted) error only, never from
 * request data (keys hold session tokens, items hold OAuth tokens).
 */

import { DynamoAuthError, isDynamoAuthError } from "@dynamoauth/core"
import { classifyError } from "@dynamoauth/core/internal"

export function migrateError(error: unknown, operation: string, context = ""): DynamoAuthError {
  if (isDynamoAuthError(error)) return error
  const { code, awsErrorName, message, retryable } = classifyError(error)
  const where = context ? ` ${context}` : ""
  const advice =
    code === "TABLE_NOT_FOUND"
      ? `table not found${where} (check the table name, region, endpoint and credentials; \`dynamoauth init\` creates one)`
      : code === "THROTTLED"
        ? `DynamoDB kept throttling${where} after all retries (lower --max-rps / --max-wcu or raise the table's capacity)`
        : retryable || code === "CONFLICT"
          ? `the request kept failing${where} after all retries`
          : `DynamoDB rejected the request${where}`
  return new DynamoAuthError({
    code,
    operation,
    message: `${advice}: ${message}`,
    awsErrorName,
    cause: error,
  })
}

/** For errors of this package that are not DynamoDB's. */
export function usageError(operation: string, message: string): DynamoAuthError {
  return new DynamoAuthError({ code: "INVALID_OPTION", operation, message })
}
