/**
 * Which failures are worth another attempt. aws4fetch's own retries cover
 * HTTP 5xx and 429 only, while DynamoDB reports throttling as HTTP 400 with a
 * `__type`, so the transport decides here. The throttling names and the
 * backoff are core's, shared with every transport.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
 */
import { THROTTLING_ERRORS } from "@dynamoauth/core"

export { type Backoff, backoffDelay, THROTTLING_ERRORS } from "@dynamoauth/core"

/**
 * A response is retried when DynamoDB throttled it or failed on its side.
 * Conditional-check failures, validation errors and cancelled transactions
 * (even all-conflict ones: core decides those) are answers, not failures.
 */
export function isRetryableResponse(status: number, errorName: string): boolean {
  return status >= 500 || status === 429 || THROTTLING_ERRORS.has(errorName)
}
