import { describe, expect, it } from "vitest"
import { parseErrorBody, redact, responseError } from "../src/error-response.js"

describe("parseErrorBody", () => {
  it("takes the name from __type without its namespace", () => {
    const body =
      '{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}'
    expect(parseErrorBody(400, body)).toEqual({
      name: "ConditionalCheckFailedException",
      message: "The conditional request failed",
    })
  })

  it("reads Message (capitalised) and the cancellation reasons", () => {
    const body = JSON.stringify({
      __type: "com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
      Message: "Transaction cancelled [None, ConditionalCheckFailed]",
      CancellationReasons: [{ Code: "None" }, { Code: "ConditionalCheckFailed", Message: "x" }],
    })
    expect(parseErrorBody(400, body)).toEqual({
      name: "TransactionCanceledException",
      message: "Transaction cancelled [None, ConditionalCheckFailed]",
      cancellationReasons: ["None", "ConditionalCheckFailed"],
    })
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
    })
  })
})

describe("redact", () => {
  it("removes every secret and the echoed canonical request", () => {
    const message =
      "The request signature we calculated does not match. key AKIDEXAMPLE token TOKEN123 The Canonical String for this request should have been 'POST / x-amz-security-token:TOKEN123'"
    expect(redact(message, ["AKIDEXAMPLE", "TOKEN123", undefined])).toBe(
      "The request signature we calculated does not match. key [redacted] token [redacted]",
    )
  })

  it("caps long messages", () => {
    expect(redact("x".repeat(1000), []).length).toBeLessThanOrEqual(301)
  })
})

describe("responseError", () => {
  it("names the operation and the error type, and counts attempts", () => {
    const error = responseError(
      "PutItem",
      400,
      { name: "ThrottlingException", message: "Rate exceeded" },
      [],
      3,
    )
    expect(error).toMatchObject({ name: "ThrottlingException", statusCode: 400 })
    expect(error.message).toBe(
      "DynamoDB PutItem failed after 3 attempts: ThrottlingException: Rate exceeded",
    )
  })
})
