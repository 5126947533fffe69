/**
 * Turns a DynamoDB error response into the seam's error shape. Only the
 * response is read, never the request, and known secrets are scrubbed from
 * DynamoDB's message: a signature error echoes the canonical request, which
 * includes the session token header.
 */
import { type TransportErrorShape, transportError } from "@dynamoauth/core"
import { parseResponse } from "./base64-json.js"

// Messages are kept short: DynamoDB's are one sentence, and anything longer is
// an echo (signature errors, HTML from a proxy) that helps nobody.
const MAX_MESSAGE_LENGTH = 300

export interface ParsedError {
  name: string
  message: string
  cancellationReasons?: string[]
}

/** Parses `{ "__type": "ns#Name", "message": … }`; falls back on the status. */
export function parseErrorBody(status: number, text: string): ParsedError {
  let body: Record<string, any> = {}
  try {
    body = parseResponse(text)
  } catch {
    // Not JSON (a proxy's HTML page, a truncated body): the status decides.
  }
  const type = typeof body.__type === "string" ? body.__type : ""
  const name = type.slice(type.lastIndexOf("#") + 1) || fallbackName(status)
  const message = String(body.message ?? body.Message ?? `HTTP ${status}`)
  const reasons = Array.isArray(body.CancellationReasons)
    ? body.CancellationReasons.map((reason: any) => String(reason?.Code ?? "None"))
    : undefined
  return reasons ? { name, message, cancellationReasons: reasons } : { name, message }
}

function fallbackName(status: number): string {
  if (status === 429) return "ThrottlingException"
  if (status === 503) return "ServiceUnavailable"
  if (status >= 500) return "InternalServerError"
  return `HTTP${status}`
}

/** Removes every secret value from a message and cuts echoed requests off. */
export function redact(message: string, secrets: readonly (string | undefined)[]): string {
  let clean = message.split("The Canonical String")[0]!.trim()
  for (const secret of secrets) {
    if (secret) clean = clean.split(secret).join("[redacted]")
  }
  return clean.length > MAX_MESSAGE_LENGTH ? `${clean.slice(0, MAX_MESSAGE_LENGTH)}…` : clean
}

export function responseError(
  operation: string,
  status: number,
  parsed: ParsedError,
  secrets: readonly (string | undefined)[],
  attempts: number,
): TransportErrorShape {
  const tries = attempts > 1 ? ` after ${attempts} attempts` : ""
  const message = `DynamoDB ${operation} failed${tries}: ${parsed.name}: ${redact(parsed.message, secrets)}`
  return transportError(parsed.name, message, {
    statusCode: status,
    ...(parsed.cancellationReasons ? { cancellationReasons: parsed.cancellationReasons } : {}),
  })
}
