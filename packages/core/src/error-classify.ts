/**
 * The one place that decides what a failure is. Whatever a transport or a
 * caller caught — an AWS SDK error, a fetch failure, an error built from
 * DynamoDB's JSON error body, an abort — becomes a {@link ClassifiedError}:
 * the stable code, whether re-sending the same request may help, whether
 * DynamoDB throttled, and DynamoDB's message with every credential removed.
 * The adapter, both transports and migrate ask this function instead of
 * matching error names themselves.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
 */
import type { DynamoAuthErrorCode } from "./errors.js"
import { type DynamoDBOperation, type TransportErrorShape, transportError } from "./transport.js"

export interface ClassifiedError {
  /** The stable code a DynamoAuthError for this failure carries. */
  code: DynamoAuthErrorCode
  /** DynamoDB's error type (`ValidationException`, …); `NetworkError` when no answer came. */
  awsErrorName: string
  /** What happened, in DynamoDB's (or the network's) words, redacted. */
  message: string
  /** Re-sending the same request may succeed: throttling, 429, 5xx, network failures, socket timeouts. */
  retryable: boolean
  /** DynamoDB throttled the request (or an item of its transaction). */
  throttled: boolean
  /** HTTP status, when an answer came. */
  statusCode: number | undefined
  /** For `TransactionCanceledException`: one code per transaction item. */
  cancellationReasons: string[] | undefined
}

/**
 * Error types DynamoDB uses for throttling (HTTP 400, safe to retry), and the
 * cancellation reasons of a throttled transaction item (`ThrottlingError`,
 * `ProvisionedThroughputExceeded`).
 */
const THROTTLING =
  /^(ProvisionedThroughputExceeded(Exception)?|Throttling(Exception|Error)|RequestLimitExceeded)$/

/**
 * The error the table functions throw when a batch still has unprocessed
 * items after every re-send. DynamoDB leaves items unprocessed when it
 * throttles, so this is THROTTLED (and worth re-sending later).
 */
export const UNPROCESSED_ITEMS = "UnprocessedItemsError"

/**
 * A system error code (ECONNRESET, ENOTFOUND, EPIPE, undici's UND_ERR_SOCKET, …):
 * with no HTTP answer, the request failed on its way to or from DynamoDB.
 */
const NETWORK_CODE = /^(E[A-Z_]+|UND_ERR_\w+)$/

// Messages are kept short: DynamoDB's are one sentence, and anything longer is
// an echo (signature errors, HTML from a proxy) that helps nobody.
const MAX_MESSAGE_LENGTH = 300

/**
 * Removes credentials from a message: a signature error echoes the
 * canonical request (its signed headers include `x-amz-security-token`), the
 * `Authorization` header (`Credential=AKIA…/…`, `Signature=…`), and a proxy's
 * error page may echo anything. `secrets` are values the caller knows
 * (access key id, secret key, session token); each is replaced wherever it is.
 */
export function redact(message: string, secrets: readonly (string | undefined)[] = []): string {
  let clean = message.split(/The (Canonical String|String-to-Sign)/)[0]!
  for (const secret of secrets) if (secret) clean = clean.split(secret).join("[redacted]")
  clean = clean
    .replace(/(x-amz-security-token\W+|Credential=|Signature=)[^\s"',;]+/gi, "$1[redacted]")
    .trim()
  return clean.length > MAX_MESSAGE_LENGTH ? `${clean.slice(0, MAX_MESSAGE_LENGTH)}…` : clean
}

/**
 * Reads what the AWS SDK and Node throw into a transport failure's shape:
 * `$metadata.httpStatusCode` as `statusCode`, `CancellationReasons` as codes,
 * and a system code (here or one or two `cause`s down) with no status as a
 * `NetworkError` whose message names the code. Kept apart from
 * {@link classifyFailure} so a Worker, whose transport builds that shape
 * itself, does not carry it.
 */
export function fromSdkError(error: unknown): unknown {
  const e = (error ?? {}) as Record<string, any>
  if (typeof error !== "object" || !error) return error
  const statusCode: number | undefined = e.statusCode ?? e.$metadata?.httpStatusCode
  const systemCode = [e.code, e.cause?.code, e.cause?.cause?.code].find((c) => NETWORK_CODE.test(c))
  const message = String(e.message)
  // No answer: the SDK passes Node's socket errors on, each with a system code.
  // Anything else without a status (missing credentials, a bug) is not a network failure.
  const network = statusCode === undefined && systemCode !== undefined
  return {
    name: network ? "NetworkError" : e.name,
    message: network && !message.includes(systemCode) ? `${message} (${systemCode})` : e.message,
    statusCode,
    cancellationReasons:
      e.cancellationReasons ??
      (Array.isArray(e.CancellationReasons)
        ? e.CancellationReasons.map((r: { Code?: string }) => r?.Code ?? "None")
        : undefined),
  }
}

/** Classifies anything thrown, the AWS SDK's errors included; `secrets` are redacted from the message (see {@link redact}). */
export function classifyError(
  error: unknown,
  secrets: readonly (string | undefined)[] = [],
): ClassifiedError {
  return classifyFailure(fromSdkError(error), secrets)
}

/**
 * The classifier, for a failure in a transport error's shape (`name`,
 * `message`, `statusCode`, `cancellationReasons`; a `NetworkError` when no
 * answer came); `secrets` are redacted from the message.
 */
export function classifyFailure(
  error: unknown,
  secrets: readonly (string | undefined)[] = [],
): ClassifiedError {
  const e = (error ?? {}) as Record<string, any>
  const statusCode: number | undefined = e.statusCode
  const reasons: string[] | undefined = e.cancellationReasons
  const text = redact(String(e.message ?? error), secrets)
  const name = String(e.name || "UnknownError")
  // No answer: transports name such failures NetworkError (see fromSdkError).
  const network = statusCode === undefined && name === "NetworkError"
  const throttled =
    THROTTLING.test(name) ||
    name === UNPROCESSED_ITEMS ||
    statusCode === 429 ||
    !!reasons?.some((r) => THROTTLING.test(r))
  // In progress (our own request, re-sent), or cancelled only by concurrent transactions.
  const conflict =
    name === "TransactionInProgressException" ||
    (!!reasons?.includes("TransactionConflict") &&
      reasons.every((r) => r === "TransactionConflict" || r === "None"))
  const code: DynamoAuthErrorCode =
    name === "ResourceNotFoundException"
      ? "TABLE_NOT_FOUND"
      : // DynamoDB has no error type of its own for these two: its ValidationException says it.
        /index/i.test(text) && /specified|not exist/i.test(text)
        ? "INDEX_NOT_FOUND"
        : /item size|allowed size/i.test(text)
          ? "ITEM_TOO_LARGE"
          : throttled
            ? "THROTTLED"
            : conflict
              ? "CONFLICT"
              : name === "TimeoutError" || name === "AbortError"
                ? "TIMEOUT"
                : network
                  ? "NETWORK_ERROR"
                  : "DYNAMODB_ERROR"
  const retryable = throttled || network || name === "TimeoutError" || (statusCode ?? 0) >= 500
  return {
    code,
    awsErrorName: name,
    message: text,
    retryable,
    throttled,
    statusCode,
    cancellationReasons: reasons,
  }
}

/** What one item's cancellation reason says about it. */
export type ReasonKind = "none" | "condition-failed" | "retry" | "refused"

/**
 * One item's code among a `TransactionCanceledException`'s reasons: it did not
 * fail (`None`), its condition failed, it was throttled or lost to a concurrent
 * transaction (sending it again may succeed), or DynamoDB refused it
 * (`ValidationError`, `ItemCollectionSizeLimitExceeded`).
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
 */
export function classifyReason(code: string): ReasonKind {
  if (code === "None" || code === "") return "none"
  if (code === "ConditionalCheckFailed") return "condition-failed"
  return THROTTLING.test(code) || code === "TransactionConflict" ? "retry" : "refused"
}

/**
 * Errors about the caller, not the request: credentials DynamoDB does not
 * know, that expired, or that may not do this. Every request made with them
 * fails alike, so a caller working through many items (migrate) stops at the
 * first one instead of failing each item.
 */
const ACCESS =
  /^(AccessDenied|UnrecognizedClient|InvalidSignature|MissingAuthenticationToken|ExpiredToken|IncompleteSignature)Exception$/

export function isAccessFailure(c: ClassifiedError): boolean {
  return ACCESS.test(c.awsErrorName)
}

/**
 * What a transport throws for any failure: a fresh error with only the
 * classified name, redacted message, status and reason codes. The original
 * is dropped on purpose: SDK errors can carry returned items and request
 * metadata, which must not travel into logs.
 */
export function toTransportError(
  error: unknown,
  operation?: DynamoDBOperation,
  secrets: readonly (string | undefined)[] = [],
): TransportErrorShape {
  return classifiedTransportError(classifyError(error, secrets), operation)
}

/** {@link toTransportError} for a failure already classified. */
export function classifiedTransportError(
  c: ClassifiedError,
  operation?: DynamoDBOperation,
): TransportErrorShape {
  return transportError(c.awsErrorName, c.message, { ...c, operation })
}
