/**
 * The edge transport: DynamoDB's JSON protocol over fetch, signed with
 * aws4fetch (SigV4). Each request is a POST with
 * `X-Amz-Target: DynamoDB_20120810.<Operation>`.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html
 */
import type { DynamoDBOperation, Transport } from "@dynamoauth/core"
import {
  backoffDelay,
  classifiedTransportError,
  classifyFailure,
  transportError,
} from "@dynamoauth/core/internal"
import { AwsV4Signer } from "aws4fetch"
import { parseResponse, stringifyRequest } from "./base64-json.js"
import { startDeadline, wait } from "./deadline.js"
import { type Failure, networkFailure, parseErrorBody } from "./error-response.js"
import { type FetchTransportConfig, resolveSettings } from "./options.js"

/**
 * Derived signing keys, shared by every transport in the isolate: a fresh
 * adapter (one per request in some apps) then skips the HMAC chain. aws4fetch
 * keys the cache by secret, day, region and service, so sharing is safe.
 */
const SIGNING_KEYS = new Map<string, ArrayBuffer>()
const decoder = new TextDecoder()

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
    // No method: aws4fetch signs a request with a body as a POST.
    url: config.endpoint ?? `https://dynamodb.${config.region}.amazonaws.com`,
  }
  const secrets = [accessKeyId, secretAccessKey, sessionToken]
  const custom = config.fetch
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
      const attempted = options?.onAttempt
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
          const init = { method: "POST", headers: signed.headers, body }
          const signal = { signal: deadline.signal }
          // A custom fetch gets the Request its signature promises. The global one gets the URL
          // and init: building a Request first makes undici copy it and pipe the body through a
          // stream again (about a fifth of a call's CPU on Node). Called unbound: some runtimes
          // reject a global fetch invoked as a method of another object.
          const response = await (custom
            ? custom(new Request(signed.url, init), signal)
            : fetch(signed.url, { ...init, ...signal }))
          // Bytes, then UTF-8: `.text()` on an application/x-amz-json-1.0 body makes workerd
          // log a "does not appear to be text" warning on every request.
          const text = decoder.decode(await response.arrayBuffer())
          if (response.ok) {
            attempted?.({ throttled: false })
            return parseResponse(text)
          }
          failure = parseErrorBody(response.status, text)
        } catch (cause) {
          if (deadline.signal.aborted) {
            attempted?.({ throttled: false })
            throw abortError(operation, deadline.timedOut)
          }
          failure = networkFailure(cause)
        } finally {
          deadline.dispose()
        }
        const delay = backoffDelay(attempts - 1, settings)
        const outOfTime = Date.now() - started + delay > settings.maxRetryTimeMs
        // Classified once: whether to retry, and what to throw.
        const classified = classifyFailure(failure, secrets)
        attempted?.(classified)
        if (!classified.retryable || attempts >= settings.maxAttempts || outOfTime) {
          throw classifiedTransportError(classified, operation)
        }
        if (!(await wait(delay, caller))) throw abortError(operation)
      }
    },
  }
}
