/**
 * The edge transport: DynamoDB's JSON protocol over fetch, signed with
 * aws4fetch (SigV4). Each request is a POST with
 * `X-Amz-Target: DynamoDB_20120810.<Operation>`.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html
 */
import { type Transport, type TransportErrorShape, transportError } from "@dynamoauth/core"
import { AwsV4Signer } from "aws4fetch"
import { parseResponse, stringifyRequest } from "./base64-json.js"
import { startDeadline, wait } from "./deadline.js"
import { parseErrorBody, redact, responseError } from "./error-response.js"
import { type FetchTransportConfig, resolveSettings } from "./options.js"
import { backoffDelay, isRetryableResponse } from "./retry-policy.js"

const TARGET_PREFIX = "DynamoDB_20120810."
const CONTENT_TYPE = "application/x-amz-json-1.0"

/**
 * Derived signing keys, shared by every transport in the isolate: a fresh
 * adapter (one per request in some apps) then skips the HMAC chain. aws4fetch
 * keys the cache by secret, day, region and service, so sharing is safe.
 */
const SIGNING_KEYS = new Map<string, ArrayBuffer>()

export function createFetchTransport(config: FetchTransportConfig): Transport {
  const settings = resolveSettings(config)
  // Signing only needs aws4fetch's signer: an AwsClient's own fetch (and its
  // retries) would never run, and leaving the class out keeps bundles smaller.
  const { accessKeyId, secretAccessKey, sessionToken } = config.client ?? config.credentials!
  const signing = {
    accessKeyId,
    secretAccessKey,
    sessionToken,
    // Signing keys are derived once per day and region; share a client's cache.
    cache: config.client?.cache ?? SIGNING_KEYS,
    // aws4fetch guesses both from *.amazonaws.com host names only.
    service: "dynamodb",
    region: config.region,
  }
  const endpoint = config.endpoint ?? `https://dynamodb.${config.region}.amazonaws.com`
  const secrets = [accessKeyId, secretAccessKey, sessionToken]
  // Called unbound: some runtimes reject a global fetch invoked as a method of another object.
  const doFetch = config.fetch ?? ((request: Request, init?: RequestInit) => fetch(request, init))

  return {
    async send(operation, input, options) {
      const body = stringifyRequest(input)
      const caller = options?.signal
      const started = Date.now()
      for (let attempts = 1; ; attempts++) {
        const deadline = startDeadline(settings.timeoutMs, caller)
        let error: TransportErrorShape
        let retryable = true
        try {
          const signed = await new AwsV4Signer({
            ...signing,
            url: endpoint,
            method: "POST",
            headers: { "Content-Type": CONTENT_TYPE, "X-Amz-Target": TARGET_PREFIX + operation },
            body,
          }).sign()
          const request = new Request(signed.url, { method: "POST", headers: signed.headers, body })
          const response = await doFetch(request, { signal: deadline.signal })
          const text = await response.text()
          if (response.ok) return parseResponse(text)
          const parsed = parseErrorBody(response.status, text)
          retryable = isRetryableResponse(response.status, parsed.name)
          error = responseError(operation, response.status, parsed, secrets, attempts)
        } catch (cause) {
          if (deadline.signal.aborted)
            throw abortError(operation, deadline.timedOut, settings.timeoutMs)
          // No response, or a body cut short: the network failed, which is worth retrying.
          error = networkError(operation, cause, secrets, attempts)
        } finally {
          deadline.dispose()
        }
        const delay = backoffDelay(attempts - 1, settings)
        const outOfTime = Date.now() - started + delay > settings.maxRetryTimeMs
        if (!retryable || attempts >= settings.maxAttempts || outOfTime) throw error
        if (!(await wait(delay, caller))) throw abortError(operation, false, settings.timeoutMs)
      }
    },
  }
}

function abortError(operation: string, timedOut: boolean, timeoutMs: number) {
  const why = timedOut ? `timed out after ${timeoutMs} ms` : "aborted by the caller"
  return transportError("TimeoutError", `DynamoDB ${operation} ${why}`)
}

function networkError(
  operation: string,
  cause: unknown,
  secrets: readonly (string | undefined)[],
  attempts: number,
) {
  // Node's fetch says only "fetch failed"; the system error code is one level down.
  const code = (cause as { cause?: { code?: unknown } })?.cause?.code
  const detail =
    (cause instanceof Error ? cause.message : String(cause)) + (code ? ` (${code})` : "")
  const tries = attempts > 1 ? ` after ${attempts} attempts` : ""
  return transportError(
    "NetworkError",
    `DynamoDB ${operation} failed${tries}: network error: ${redact(detail, secrets)}`,
  )
}
