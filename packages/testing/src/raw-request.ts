/**
 * A minimal DynamoDB JSON client on `fetch`, for tests and health checks only: it sends one
 * request and returns the parsed body, with no retries and no marshalling. Web APIs only, so it
 * also runs inside workerd.
 *
 * DynamoDB Local does not verify signatures but reads the access key and region from the
 * Authorization header (they select the database unless it runs with -sharedDb), so a
 * SigV4-shaped header with a dummy signature is enough.
 */

/** Access key id and region of the dummy Authorization header. Not a secret. */
export const LOCAL_ACCESS_KEY_ID = "test"
export const LOCAL_REGION = "us-east-1"

export const LOCAL_AUTHORIZATION = `AWS4-HMAC-SHA256 Credential=${LOCAL_ACCESS_KEY_ID}/20260101/${LOCAL_REGION}/dynamodb/aws4_request, SignedHeaders=host, Signature=0`

/** The headers of a DynamoDB JSON request for `operation` (e.g. "PutItem"). */
export function dynamoDBHeaders(operation: string): Record<string, string> {
  return {
    "Content-Type": "application/x-amz-json-1.0",
    "X-Amz-Target": `DynamoDB_20120810.${operation}`,
    Authorization: LOCAL_AUTHORIZATION,
  }
}

/** An error answer from DynamoDB: `type` is the short `__type` (e.g. "ResourceNotFoundException"). */
export class RawDynamoDBError extends Error {
  override name = "RawDynamoDBError"
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(`${operation} failed: HTTP ${status} ${type}: ${message}`)
  }
}

export interface RawRequestOptions {
  signal?: AbortSignal
  fetch?: typeof fetch
}

/** Sends one DynamoDB JSON request; resolves with the response body, rejects with RawDynamoDBError. */
export async function rawRequest<T = Record<string, any>>(
  endpoint: string,
  operation: string,
  input: object,
  options: RawRequestOptions = {},
): Promise<T> {
  const doFetch = options.fetch ?? fetch
  const response = await doFetch(endpoint, {
    method: "POST",
    headers: dynamoDBHeaders(operation),
    body: JSON.stringify(input),
    ...(options.signal ? { signal: options.signal } : {}),
  })
  const text = await response.text()
  if (!response.ok) {
    let type = "UnknownError"
    let message = text.slice(0, 500)
    try {
      const body = JSON.parse(text) as { __type?: string; message?: string; Message?: string }
      type = body.__type?.split("#").pop() ?? type
      message = body.message ?? body.Message ?? ""
    } catch {
      // Not JSON: keep the raw text as the message.
    }
    throw new RawDynamoDBError(operation, response.status, type, message)
  }
  return JSON.parse(text) as T
}
