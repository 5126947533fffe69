import { describe, expect, it } from "vitest"
import { withErrors } from "./error-mapping.js"
import { isDynamoAuthError } from "./errors.js"
import { findOr, fitKey, KEY_TOO_LONG } from "./limits.js"
import { DEFAULT_OPTIONS } from "./options.js"

describe("key limits", () => {
  it("fitKey measures UTF-8 bytes and names the field and the limit, never the value", () => {
    expect(fitKey("a".repeat(1024), 1024, "token")).toHaveLength(1024)
    const error = (() => {
      try {
        fitKey("é".repeat(513), 1024, "token")
      } catch (e) {
        return e as Error
      }
    })()
    expect(error?.name).toBe(KEY_TOO_LONG)
    expect(error?.message).toBe("token is over DynamoDB's 1024-byte key limit")
  })

  it("a lookup whose key is too long finds nothing; any other failure passes", async () => {
    let sent = false
    const lookup = () =>
      findOr(null, async () => {
        fitKey("x".repeat(3000), 2048, "id")
        sent = true
        return "found"
      })
    expect(await lookup()).toBeNull()
    expect(sent).toBe(false)
    expect(await findOr([], async () => "found")).toBe("found")
    await expect(findOr(null, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom")
  })

  it("the one error wrapper: a key too long to write is INVALID_INPUT, anything else is classified", async () => {
    const tooLong = await withErrors("createUser", DEFAULT_OPTIONS, async () =>
      fitKey("x".repeat(3000), 2048, "email"),
    ).catch((e: unknown) => e)
    expect(isDynamoAuthError(tooLong)).toBe(true)
    expect(tooLong).toMatchObject({
      code: "INVALID_INPUT",
      operation: "createUser",
      message: "[dynamoauth] createUser: email is over DynamoDB's 2048-byte key limit",
    })
    const throttled = Object.assign(new Error("slow down"), {
      name: "ProvisionedThroughputExceededException",
    })
    const classified = await withErrors("getUser", DEFAULT_OPTIONS, () =>
      Promise.reject(throttled),
    ).catch((e: unknown) => e)
    expect(classified).toMatchObject({
      code: "THROTTLED",
      operation: "getUser",
      awsErrorName: "ProvisionedThroughputExceededException",
    })
  })
})
