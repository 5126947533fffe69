import { createKeys, resolveTableOptions } from "@dynamoauth/core"
import { describe, expect, it } from "vitest"
import { redactedKey, redactedValue, redactKeyString } from "./redact.js"

const keys = createKeys(resolveTableOptions())

describe("redaction", () => {
  it("hides session tokens and token hashes in keys, and keeps what identifies the item", () => {
    expect(redactKeyString("SESSION#abc", false)).toBe("SESSION#<redacted>")
    expect(redactKeyString("VT#hash", true)).toBe("VT#<redacted>")
    expect(redactKeyString("VT#a@b.c", false)).toBe("VT#a@b.c")
    expect(redactKeyString("USER#42", true)).toBe("USER#42")
    expect(redactedKey({ pk: { S: "USER#u" }, sk: { S: "SESSION#secret" } }, keys)).toEqual({
      pk: "USER#u",
      sk: "SESSION#<redacted>",
    })
  })

  it("hides credentials in values", () => {
    const item = {
      access_token: { S: "gho_x" },
      refreshToken: { S: "r" },
      sessionToken: { S: "s" },
      GSI1PK: { S: "SESSION#s" },
      name: { S: "Ann" },
    }
    for (const name of ["access_token", "refreshToken", "sessionToken", "GSI1PK"]) {
      expect(JSON.stringify(redactedValue(name, item, keys))).toContain("<redacted>")
    }
    expect(redactedValue("name", item, keys)).toBe("Ann")
  })
})
