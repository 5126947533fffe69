import { describe, expect, it } from "vitest"
import { backoffDelay, isRetryableResponse } from "../src/retry-policy.js"

const settings = { baseDelayMs: 25, maxDelayMs: 400 }

describe("isRetryableResponse", () => {
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
  ])("HTTP %i %s → %s", (status, name, retryable) => {
    expect(isRetryableResponse(status, name)).toBe(retryable)
  })
})

describe("backoffDelay", () => {
  it("grows exponentially from the base up to the cap (the jitter's ceiling)", () => {
    const ceiling = (retry: number) => backoffDelay(retry, settings, () => 0.999999) + 1
    expect([0, 1, 2, 3, 4, 5, 10].map(ceiling)).toEqual([25, 50, 100, 200, 400, 400, 400])
  })

  it("is full jitter: a random fraction of the ceiling, down to zero", () => {
    expect(backoffDelay(3, settings, () => 0)).toBe(0)
    expect(backoffDelay(3, settings, () => 0.5)).toBe(100)
  })
})
