/**
 * A failed attempt, from DynamoDB's error response or from the network, and
 * the error the transport throws for it. Only the response is read, never the
 * request, and known secrets are scrubbed from DynamoDB's message: a
 * signature error echoes the canonical request, which includes the session
 * token header.
 */
import { THROTTLING_ERRORS, type TransportErrorShape, transportError } from "@dynamoauth/core"

// Messages are kept short: DynamoDB's are one sentence, and anything longer is
// an echo (signature errors, HTML from a proxy) that helps nobody.
const MAX_MESSAGE_LENGTH = 300

export interface Failure {
  name: string
  message: string
  /** HTTP status; absent when no response came (a network failure). */
  statusCode?: number
  cancellationReasons?: string[]
}

/** Parses `{ "__type": "ns#Name", "message": … }`; falls back on the status. */
export function parseErrorBody(status: number, text: string): Failure {
  let body: Record<string, any> = {}
  try {
    body = JSON.parse(text)
  } catch {
    // Not JSON (a proxy's HTML page, a truncated body): the status decides.
  }
  const type = String(body.__type ?? "")
  const failure: Failure = {
    name:
      type.slice(type.lastIndexOf("#") + 1) ||
      (status === 429
        ? "ThrottlingException"
        : status === 503
          ? "ServiceUnavailable"
          : status >= 500
            ? "InternalServerError"
            : `HTTP${status}`),
    message: String(body.message ?? body.Message ?? `HTTP ${status}`),
    statusCode: status,
  }
  const reasons = body.CancellationReasons
  if (Array.isArray(reasons)) failure.cancellationReasons = reasons.map((r) => r?.Code ?? "None")
  return failure
}

/** No response, or a body cut short. Node's fetch says only "fetch failed"; the system error code is one level down. */
export function networkFailure(cause: any): Failure {
  const code = cause?.cause?.code
  return {
    name: "NetworkError",
    message: `${cause?.message ?? cause}${code ? ` (${code})` : ""}`,
  }
}

/**
 * Worth another attempt: throttling (HTTP 400 with a throttling `__type`,
 * which aws4fetch's own retries miss), 429, 5xx and network failures.
 * Conditional-check failures, validation errors and cancelled transactions
 * (even all-conflict ones: core decides those) are answers, not failures.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
 */
export function isRetryable({ name, statusCode = 500 }: Failure): boolean {
  // No status: no response came, and a network failure is retried like a 5xx.
  return statusCode >= 500 || statusCode === 429 || THROTTLING_ERRORS.has(name)
}

/** Removes every secret value from a message and cuts echoed requests off. */
export function redact(message: string, secrets: readonly (string | undefined)[]): string {
  let clean = message.split("The Canonical String")[0]!.trim()
  for (const secret of secrets) {
    if (secret) clean = clean.split(secret).join("[redacted]")
  }
  return clean.length > MAX_MESSAGE_LENGTH ? `${clean.slice(0, MAX_MESSAGE_LENGTH)}…` : clean
}

/** The error thrown once no attempt is left: names the operation, the error type and the attempts. */
export function failureError(
  operation: string,
  failure: Failure,
  secrets: readonly (string | undefined)[],
  attempts: number,
): TransportErrorShape {
  const tries = attempts > 1 ? ` after ${attempts} attempts` : ""
  return transportError(
    failure.name,
    `DynamoDB ${operation} failed${tries}: ${failure.name}: ${redact(failure.message, secrets)}`,
    failure,
  )
}
