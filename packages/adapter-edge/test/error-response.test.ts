import { backoffDelay, classifyError, classifyFailure } from "@dynamoauth/core/internal"
import { describe, expect, it } from "vitest"
import { networkFailure, parseErrorBody } from "../src/error-response.js"

describe("parseErrorBody", () => {
  it("takes the name from __type without its namespace", () => {
    const body =
      '{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}'
    expect(parseErrorBody(400, body)).toEqual({
      name: "ConditionalCheckFailedException",
      message: "The conditional request failed",
      statusCode: 400,
    })
  })

  it("reads Message (capitalised) and the cancellation reasons", () => {
    const body = JSON.stringify({
      __type: "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
      Message: "Transaction cancelled [None, ConditionalCheckFailed]",
      CancellationReasons: [{ Code: "None" }, { Code: "ConditionalCheckFailed", Message: "x" }],
    })
    const failure = parseErrorBody(400, body)
    expect(failure).toMatchObject({
      name: "TransactionCanceledException",
      message: "Transaction cancelled [None, ConditionalCheckFailed]",
      statusCode: 400,
    })
    expect(classifyError(failure).cancellationReasons).toEqual(["None", "ConditionalCheckFailed"])
  })

  it.each([
    [500, "InternalServerError"],
    [503, "ServiceUnavailable"],
    [429, "ThrottlingException"],
    [413, "HTTP413"],
  ])("names a non-JSON HTTP %i %s", (status, name) => {
    expect(parseErrorBody(status, "<html>bad gateway</html>")).toEqual({
      name,
      message: `HTTP ${status}`,
      statusCode: status,
    })
  })
})

// Retry decisions are core's classifier's (the transport asks it once per failure).
describe("the failures it parses, as core classifies them", () => {
  it.each([
    [400, "ProvisionedThroughputExceededException", true],
    [400, "ThrottlingException", true],
    [400, "RequestLimitExceeded", true],
    [429, "HTTP429", true],
    [500, "InternalServerError", true],
    [503, "ServiceUnavailable", true],
    [400, "ConditionalCheckFailedException", false],
    [400, "ValidationException", false],
    [400, "TransactionCanceledException", false],
    [400, "ResourceNotFoundException", false],
    [403, "UnrecognizedClientException", false],
  ])("HTTP %i %s → %s", (statusCode, name, retryable) => {
    expect(classifyFailure({ name, message: "", statusCode }).retryable).toBe(retryable)
  })

  it("retries a network failure (no response at all)", () => {
    const failure = networkFailure(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } }))
    expect(failure).toMatchObject({ name: "NetworkError", message: "fetch failed" })
    expect(classifyFailure(failure).retryable).toBe(true)
  })
})

describe("backoffDelay (core's, with the edge defaults)", () => {
  const settings = { baseDelayMs: 25, maxDelayMs: 400 }

  it("grows exponentially from the base up to the cap (the jitter's ceiling)", () => {
    const ceiling = (retry: number) => backoffDelay(retry, settings, () => 0.999999) + 1
    expect([0, 1, 2, 3, 4, 5, 10].map(ceiling)).toEqual([25, 50, 100, 200, 400, 400, 400])
  })

  it("is full jitter: a random fraction of the ceiling, down to zero", () => {
    expect(backoffDelay(3, settings, () => 0)).toBe(0)
    expect(backoffDelay(3, settings, () => 0.5)).toBe(100)
  })
})
