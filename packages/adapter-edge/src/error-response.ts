/**
 * A failed attempt, from DynamoDB's error response or from the network, and
 * the error the transport throws for it. Only the response is read, never the
 * request. Core classifies it and redacts the message (a signature error
 * echoes the canonical request, which includes the session token header).
 */
export interface Failure {
  name: string
  message: string
  /** HTTP status; absent when no response came (a network failure). */
  statusCode?: number
  /** For a cancelled transaction: DynamoDB's reason code for each item. */
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
  return {
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
    cancellationReasons: body.CancellationReasons?.map((r: { Code?: string }) => r?.Code ?? "None"),
  }
}

/** No response, or a body cut short. */
export function networkFailure(cause: any): Failure {
  return { name: "NetworkError", message: String(cause?.message ?? cause) }
}
