import { createKeys, resolveTableOptions } from "@dynamoauth/core"
import { describe, expect, it } from "vitest"
import {
  REDACTED,
  redactedItem,
  redactedKey,
  redactedValue,
  redactKeyString,
  SECRET_FIELDS,
} from "./redact.js"

const keys = createKeys(resolveTableOptions())

describe("redaction", () => {
  it("hides session tokens and token hashes in Auth.js keys, and keeps what identifies the item", () => {
    expect(redactKeyString("SESSION#abc", false)).toBe("SESSION#<redacted>")
    expect(redactKeyString("VT#hash", true)).toBe("VT#<redacted>")
    expect(redactKeyString("VR#hash", true)).toBe("VR#<redacted>")
    expect(redactKeyString("VT#a@b.c", false)).toBe("VT#a@b.c")
    expect(redactKeyString("USER#42", true)).toBe("USER#42")
    expect(redactedKey({ pk: { S: "USER#u" }, sk: { S: "SESSION#secret" } }, keys)).toEqual({
      pk: "USER#u",
      sk: "SESSION#<redacted>",
    })
  })

  it("hides the value after every secret field in Better Auth keys, and secondary-storage keys whole", () => {
    expect(redactKeyString("session#token#tok%231", false)).toBe("session#token#<redacted>")
    expect(redactKeyString("verification#identifier#reset-password:x", true)).toBe(
      "verification#identifier#<redacted>",
    )
    expect(redactKeyString("deviceCode#userCode#ABCD", false)).toBe(
      "deviceCode#userCode#<redacted>",
    )
    expect(redactKeyString("_kv#tok-1", false)).toBe("_kv#<redacted>")
    expect(redactKeyString("_kv#active-sessions-u1", true)).toBe("_kv#<redacted>")
    // What identifies a record stays.
    expect(redactKeyString("session#s1", true)).toBe("session#s1")
    expect(redactKeyString("user#email#ada@example.com", false)).toBe("user#email#ada@example.com")
    expect(redactKeyString("account#providerId#github#accountId#42", false)).toBe(
      "account#providerId#github#accountId#42",
    )
    expect(redactKeyString("session#userId#u1", false)).toBe("session#userId#u1")
  })

  // Field by field: every name on the list, as a top-level attribute, inside a map and in a list.
  it.each(Object.keys(SECRET_FIELDS))("redacts %s wherever it is", (field) => {
    const marker = `marker-${field}-0123456789`
    const item = {
      pk: { S: "USER#u" },
      sk: { S: "USER#u" },
      [field]: { S: marker },
      nested: { M: { [field]: { S: marker }, kept: { S: "visible" } } },
      listed: { L: [{ M: { [field]: { SS: [marker] } } }] },
    }
    expect(redactedValue(field, item, keys)).toBe(REDACTED)
    const json = redactedItem(item, keys)
    expect(JSON.stringify(json)).not.toContain(marker)
    expect(json).toMatchObject({
      [field]: REDACTED,
      nested: { [field]: REDACTED, kept: "visible" },
      listed: [{ [field]: REDACTED }],
    })
  })

  it("keeps what is not a credential", () => {
    const item = {
      name: { S: "Ann" },
      email: { S: "ann@example.com" },
      publicKey: { S: "pQECAyYgASFYIA" },
      credentialID: { S: "-_8BAgM" },
      scope: { S: "read:user" },
      GSI1PK: { S: "SESSION#s" },
    }
    expect(redactedItem(item, keys)).toEqual({
      name: "Ann",
      email: "ann@example.com",
      publicKey: "pQECAyYgASFYIA",
      credentialID: "-_8BAgM",
      scope: "read:user",
      GSI1PK: "SESSION#<redacted>",
    })
  })
})
