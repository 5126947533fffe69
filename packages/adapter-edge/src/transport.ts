/**
 * The edge transport: DynamoDB's JSON protocol over fetch, signed with
 * aws4fetch (SigV4). Each request is a POST with
 * `X-Amz-Target: DynamoDB_20120810.<Operation>`.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html
 */
import type { DynamoDBOperation, Transport } from "@dynamoauth/core"
import { backoffDelay, toTransportError, transportError } from "@dynamoauth/core/internal"
import { AwsV4Signer } from "aws4fetch"
import { parseResponse, stringifyRequest } from "./base64-json.js"
import { startDeadline, wait } from "./deadline.js"
import { type Failure, isRetryable, networkFailure, parseErrorBody } from "./error-response.js"
import { type FetchTransportConfig, resolveSettings } from "./options.js"

/**
 * Derived signing keys, shared by every transport in the isolate: a fresh
 * adapter (one per request in some apps) then skips the HMAC chain. aws4fetch
 * keys the cache by secret, day, region and service, so sharing is safe.
 */
const SIGNING_KEYS = new Map<string, ArrayBuffer>()

/**
 * Core's transport over fetch, signed with aws4fetch, with its own retries
 * (throttling, 5xx, network failures) and per-attempt timeouts; see
 * {@link FetchTransportConfig} for the settings and their defaults.
 */
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
    url: config.endpoint ?? `https://dynamodb.${config.region}.amazonaws.com`,
    method: "POST",
  }
  const secrets = [accessKeyId, secretAccessKey, sessionToken]
  // Called unbound: some runtimes reject a global fetch invoked as a method of another object.
  const doFetch = config.fetch ?? ((request: Request, init?: RequestInit) => fetch(request, init))
  const abortError = (operation: DynamoDBOperation, timedOut?: boolean) =>
    transportError(
      "TimeoutError",
      `DynamoDB ${operation} ${timedOut ? `timed out after ${settings.timeoutMs} ms` : "aborted by the caller"}`,
      { operation },
    )

  return {
    async send(operation, input, options) {
      const body = stringifyRequest(input)
      const caller = options?.signal
      const started = Date.now()
      for (let attempts = 1; ; attempts++) {
        const deadline = startDeadline(settings.timeoutMs, caller)
        let failure: Failure
        try {
          const signed = await new AwsV4Signer({
            ...signing,
            headers: {
              "Content-Type": "application/x-amz-json-1.0",
              "X-Amz-Target": `DynamoDB_20120810.${operation}`,
            },
            body,
          }).sign()
          const request = new Request(signed.url, { method: "POST", headers: signed.headers, body })
          const response = await doFetch(request, { signal: deadline.signal })
          const text = await response.text()
          if (response.ok) return parseResponse(text)
          failure = parseErrorBody(response.status, text)
        } catch (cause) {
          if (deadline.signal.aborted) throw abortError(operation, deadline.timedOut)
          failure = networkFailure(cause)
        } finally {
          deadline.dispose()
        }
        const delay = backoffDelay(attempts - 1, settings)
        const outOfTime = Date.now() - started + delay > settings.maxRetryTimeMs
        if (!isRetryable(failure) || attempts >= settings.maxAttempts || outOfTime) {
          throw toTransportError(failure, operation, secrets)
        }
        if (!(await wait(delay, caller))) throw abortError(operation)
      }
    },
  }
}
