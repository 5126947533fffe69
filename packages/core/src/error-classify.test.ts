import { describe, expect, it } from "vitest"
import {
  classifyError,
  classifyReason,
  isAccessFailure,
  redact,
  toTransportError,
} from "./error-classify.js"
import { transportError } from "./transport.js"

/** An AWS SDK v3 service error as the SDK throws it (name, message, $metadata, reasons). */
function sdkError(name: string, message: string, status?: number, extra: object = {}) {
  return Object.assign(new Error(message), {
    name,
    $metadata: status === undefined ? { attempts: 1 } : { httpStatusCode: status },
    ...extra,
  })
}

describe("classifyError", () => {
  it.each([
    // [what was thrown, code, retryable, throttled, awsErrorName]
    [
      transportError("ThrottlingException", "Rate", { statusCode: 400 }),
      "THROTTLED",
      true,
      true,
      "ThrottlingException",
    ],
    [
      sdkError("RequestLimitExceeded", "Too much", 400),
      "THROTTLED",
      true,
      true,
      "RequestLimitExceeded",
    ],
    [
      sdkError("ProvisionedThroughputExceededException", "x", 400),
      "THROTTLED",
      true,
      true,
      "ProvisionedThroughputExceededException",
    ],
    [
      transportError("HTTP429", "HTTP 429", { statusCode: 429 }),
      "THROTTLED",
      true,
      true,
      "HTTP429",
    ],
    [
      transportError("InternalFailure", "boom", { statusCode: 500 }),
      "DYNAMODB_ERROR",
      true,
      false,
      "InternalFailure",
    ],
    [
      sdkError("ServiceUnavailable", "later", 503),
      "DYNAMODB_ERROR",
      true,
      false,
      "ServiceUnavailable",
    ],
    [
      sdkError("ValidationException", "bad", 400),
      "DYNAMODB_ERROR",
      false,
      false,
      "ValidationException",
    ],
    [
      sdkError("ConditionalCheckFailedException", "no", 400),
      "DYNAMODB_ERROR",
      false,
      false,
      "ConditionalCheckFailedException",
    ],
    [
      sdkError("ResourceNotFoundException", "Requested resource not found", 400),
      "TABLE_NOT_FOUND",
      false,
      false,
      "ResourceNotFoundException",
    ],
    [
      sdkError("ValidationException", "The table does not have the specified index: GSI1", 400),
      "INDEX_NOT_FOUND",
      false,
      false,
      "ValidationException",
    ],
    [
      sdkError("ValidationException", "Item size has exceeded the maximum allowed size", 400),
      "ITEM_TOO_LARGE",
      false,
      false,
      "ValidationException",
    ],
    [
      sdkError("TransactionInProgressException", "in progress", 400),
      "CONFLICT",
      false,
      false,
      "TransactionInProgressException",
    ],
    [transportError("TimeoutError", "timed out"), "TIMEOUT", true, false, "TimeoutError"],
    [
      Object.assign(new Error("Request aborted"), { name: "AbortError" }),
      "TIMEOUT",
      false,
      false,
      "AbortError",
    ],
    // Node's socket errors as the SDK passes them on: no status, a system code.
    [
      Object.assign(sdkError("Error", "socket hang up"), { code: "ECONNRESET" }),
      "NETWORK_ERROR",
      true,
      false,
      "NetworkError",
    ],
    [
      transportError("NetworkError", "fetch failed (ECONNREFUSED)"),
      "NETWORK_ERROR",
      true,
      false,
      "NetworkError",
    ],
    // No status and no system code is not the network: a missing credential keeps its own name.
    [
      sdkError("CredentialsProviderError", "Could not load credentials from any providers"),
      "DYNAMODB_ERROR",
      false,
      false,
      "CredentialsProviderError",
    ],
    ["a string", "DYNAMODB_ERROR", false, false, "UnknownError"],
  ] as const)("%o → %s", (thrown, code, retryable, throttled, awsErrorName) => {
    expect(classifyError(thrown)).toMatchObject({ code, retryable, throttled, awsErrorName })
  })

  it("reads transaction cancellation reasons from the SDK and from a transport error alike", () => {
    const sdk = sdkError("TransactionCanceledException", "Transaction cancelled", 400, {
      CancellationReasons: [{ Code: "None" }, { Code: "TransactionConflict" }],
    })
    const edge = transportError("TransactionCanceledException", "Transaction cancelled", {
      statusCode: 400,
      cancellationReasons: ["None", "TransactionConflict"],
    })
    for (const thrown of [sdk, edge]) {
      expect(classifyError(thrown)).toEqual({
        code: "CONFLICT",
        awsErrorName: "TransactionCanceledException",
        message: "Transaction cancelled",
        retryable: false,
        throttled: false,
        statusCode: 400,
        cancellationReasons: ["None", "TransactionConflict"],
      })
    }
    const mixed = transportError("TransactionCanceledException", "x", {
      cancellationReasons: ["ConditionalCheckFailed", "TransactionConflict"],
    })
    expect(classifyError(mixed).code).toBe("DYNAMODB_ERROR")
    const throttledItem = transportError("TransactionCanceledException", "x", {
      cancellationReasons: ["None", "ThrottlingError"],
    })
    expect(classifyError(throttledItem)).toMatchObject({ code: "THROTTLED", throttled: true })
    // DynamoDB's other reason code for a throttled item.
    const provisioned = transportError("TransactionCanceledException", "x", {
      cancellationReasons: ["ProvisionedThroughputExceeded", "None"],
    })
    expect(classifyError(provisioned)).toMatchObject({
      code: "THROTTLED",
      throttled: true,
      retryable: true,
    })
  })

  it.each([
    ["None", "none"],
    ["", "none"],
    ["ConditionalCheckFailed", "condition-failed"],
    ["TransactionConflict", "retry"],
    ["ThrottlingError", "retry"],
    ["ProvisionedThroughputExceeded", "retry"],
    ["ValidationError", "refused"],
    ["ItemCollectionSizeLimitExceeded", "refused"],
  ])("the cancellation reason %o of one item is %s", (code, kind) => {
    expect(classifyReason(code)).toBe(kind)
  })

  it("tells failures of the credentials from failures of the request", () => {
    for (const name of ["AccessDeniedException", "UnrecognizedClientException"]) {
      expect(isAccessFailure(classifyError(sdkError(name, "no", 400)))).toBe(true)
    }
    for (const thrown of [
      sdkError("ValidationException", "Item size has exceeded the maximum allowed size", 400),
      sdkError("ResourceNotFoundException", "Requested resource not found", 400),
      transportError("ThrottlingException", "Rate", { statusCode: 400 }),
    ]) {
      expect(isAccessFailure(classifyError(thrown))).toBe(false)
    }
  })

  it("names the system code of a network failure once", () => {
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })
    expect(classifyError(reset).message).toBe("socket hang up (ECONNRESET)")
    const already = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })
    expect(classifyError(already).message).toBe("read ECONNRESET")
  })
})

describe("redact", () => {
  const token = "IQoJb3JpZ2luX2VjEXAMPLEsessionTOKEN/with+chars=="
  const signatureError = [
    "The request signature we calculated does not match the signature you provided.",
    "Authorization: AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEKEY123456/20261201/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=0123456789abcdef0123456789abcdef",
    `x-amz-security-token:${token}`,
    "",
    "The Canonical String for this request should have been",
    `'POST\n/\n\nhost:dynamodb.us-east-1.amazonaws.com\nx-amz-security-token:${token}\n'`,
  ].join("\n")

  it("removes the session token, key id and signature even when they are not known", () => {
    const clean = redact(signatureError)
    expect(clean).not.toContain(token)
    expect(clean).not.toContain("ASIAEXAMPLEKEY123456")
    expect(clean).not.toContain("0123456789abcdef0123456789abcdef")
    expect(clean).not.toContain("Canonical String")
    expect(clean).toContain("The request signature we calculated does not match")
  })

  it("replaces every known secret wherever it appears", () => {
    const message = "mismatch for key AKIDEXAMPLE secret s3cr3t/+= and s3cr3t/+= again"
    expect(redact(message, ["AKIDEXAMPLE", "s3cr3t/+=", undefined])).toBe(
      "mismatch for key [redacted] secret [redacted] and [redacted] again",
    )
  })

  it("cuts the echoed canonical request off and replaces known secrets", () => {
    const message =
      "The request signature we calculated does not match. key AKIDEXAMPLE token TOKEN123 The Canonical String for this request should have been 'POST / x-amz-security-token:TOKEN123'"
    expect(redact(message, ["AKIDEXAMPLE", "TOKEN123", undefined])).toBe(
      "The request signature we calculated does not match. key [redacted] token [redacted]",
    )
  })

  it("cuts long echoes off at 300 characters", () => {
    expect(redact("x".repeat(1000)).length).toBeLessThanOrEqual(301)
  })

  it("toTransportError keeps only the name, the redacted message, status and reasons", () => {
    const sdk = sdkError("InvalidSignatureException", signatureError, 400, {
      Item: { secret: { S: "s3cr3t" } },
    })
    const error = toTransportError(Object.assign(sdk, { cause: new Error(token) }), "GetItem", [
      "s3cr3t",
    ])
    expect(error).toMatchObject({
      name: "InvalidSignatureException",
      statusCode: 400,
      operation: "GetItem",
    })
    const exposed = `${error.message} ${error.stack} ${String(error)} ${JSON.stringify(error)} ${String(error.cause)}`
    expect(exposed).not.toContain(token)
    expect(exposed).not.toContain("s3cr3t")
    expect(error.cause).toBeUndefined()
  })

  it("toTransportError scrubs secrets and carries the cancellation reasons", () => {
    const error = toTransportError(
      {
        name: "TransactionCanceledException",
        message: "cancelled for SECRET",
        statusCode: 400,
        cancellationReasons: ["ConditionalCheckFailed"],
      },
      "TransactWriteItems",
      ["SECRET"],
    )
    expect(error.message).toBe("cancelled for [redacted]")
    expect(error).toMatchObject({
      name: "TransactionCanceledException",
      statusCode: 400,
      cancellationReasons: ["ConditionalCheckFailed"],
    })
  })
})
