/**
 * Errors of this package: core's DynamoAuthError, naming the library
 * function and DynamoDB's error code. Built from the error's name and
 * DynamoDB's own message only, never from request data (keys hold session
 * tokens, items hold OAuth tokens).
 */

import type { TransportErrorShape } from "@dynamoauth/core"
import { DynamoAuthError, type DynamoAuthErrorCode, isDynamoAuthError } from "@dynamoauth/core"
import { isRetryable, isThrottling } from "./retry.js"

export function migrateError(error: unknown, operation: string, context = ""): DynamoAuthError {
  if (isDynamoAuthError(error)) return error
  const e = error as TransportErrorShape
  const name = typeof e?.name === "string" ? e.name : "UnknownError"
  const where = context ? ` ${context}` : ""
  let code: DynamoAuthErrorCode = "DYNAMODB_ERROR"
  let message = `DynamoDB request failed${where}`
  if (name === "ResourceNotFoundException") {
    code = "TABLE_NOT_FOUND"
    message = `table not found${where} (check the table name, region, endpoint and credentials; \`dynamoauth init\` creates one)`
  } else if (isThrottling(e)) {
    code = "THROTTLED"
    message = `DynamoDB kept throttling${where} after all retries (lower --max-rps / --max-wcu or raise the table's capacity)`
  } else if (isRetryable(e)) {
    code = "NETWORK_ERROR"
    message = `the request kept failing${where} after all retries`
  } else if (name === "ValidationException" && typeof e.message === "string") {
    message = `DynamoDB rejected the request${where}: ${e.message.slice(0, 300)}`
  }
  return new DynamoAuthError({ code, operation, message, awsErrorName: name, cause: error })
}

/** For errors of this package that are not DynamoDB's. */
export function usageError(operation: string, message: string): DynamoAuthError {
  return new DynamoAuthError({ code: "INVALID_OPTION", operation, message })
}
