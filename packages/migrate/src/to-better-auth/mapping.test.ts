import { describe, expect, it } from "vitest"
import { context, LATER, LATER_ISO, map } from "../../test/helpers/better-auth-mapping.js"
import { derivedId } from "./mapping.js"

describe("Auth.js item → Better Auth items", () => {
  it("uses the configured key names for the items it writes", () => {
    const ctx = context({
      partitionKey: "PK",
      sortKey: "SK",
      indexPartitionKey: "G1PK",
      indexSortKey: "G1SK",
    })
    const out = map(
      {
        PK: "USER#u1",
        SK: "SESSION#t",
        G1PK: "SESSION#t",
        G1SK: "SESSION#t",
        type: "SESSION",
        sessionToken: "t",
        userId: "u1",
        expires: LATER,
      },
      ctx,
    )
    const id = derivedId("session", "t")
    // Better Auth items carry no index attributes; the member lists the session under its user.
    expect(out.items.map((i) => [i.PK, i.SK, i.G1PK, i.G1SK])).toEqual([
      [`session#${id}`, `session#${id}`, undefined, undefined],
      ["session#token#t", "session#token#t", undefined, undefined],
      ["session#userId#u1", `session#${id}`, undefined, undefined],
    ])
    expect(out.items[0]).not.toHaveProperty("pk")
  })

  it.each([
    [
      "--sessions drop",
      { type: "SESSION", sk: "SESSION#t", sessionToken: "t", userId: "u1", expires: LATER },
      "drop",
      "session.dropped",
    ],
    [
      "an expired session",
      { type: "SESSION", sk: "SESSION#t", sessionToken: "t", userId: "u1", expires: 1_000 },
      "keep",
      "session.expired",
    ],
    [
      "an expired token",
      { pk: "VT#a", sk: "VT#b", type: "VT", identifier: "a", token: "b", expires: 1_000 },
      "keep",
      "verification.expired",
    ],
    [
      "a webauthn account",
      {
        sk: "ACCOUNT#passkey#x",
        type: "webauthn",
        provider: "passkey",
        providerAccountId: "x",
        userId: "u1",
      },
      "keep",
      "account.webauthn",
    ],
    [
      "an Auth.js claim",
      { pk: "EMAIL#a@b.c", sk: "EMAIL#a@b.c", type: "EMAIL_CLAIM", userId: "u1" },
      "keep",
      "claim",
    ],
    [
      "a Better Auth record",
      { pk: "user#u1", sk: "user#u1", _m: "user", id: "u1" },
      "keep",
      "better-auth",
    ],
    ["an app's own item", { pk: "APP#1", sk: "APP#1" }, "keep", "unknown"],
  ] as const)("writes nothing for %s", (_, item, sessions, skipped) => {
    const full = { pk: "USER#u1", ...item }
    const out = map(full, context({}, sessions))
    expect(out.items).toEqual([])
    expect(out.skipped).toBe(skipped)
  })

  it("maps a v3-era account and session (ISO expires, numeric account id) through the Auth.js migration first", () => {
    const account = map({
      pk: "USER#u1",
      sk: "ACCOUNT#github#42",
      GSI1PK: "ACCOUNT#42",
      GSI1SK: "ACCOUNT#github",
      type: "ACCOUNT",
      userId: "u1",
      providerId: "github",
      providerType: "oauth",
      providerAccountId: 42,
      accessToken: "old",
    })
    expect(account.items[0]).toMatchObject({
      providerId: "github",
      accountId: "42",
      accessToken: "old",
    })
    expect(account.items[0]).not.toHaveProperty("providerType")
    const session = map({
      pk: "USER#u1",
      sk: "SESSION#t",
      type: "SESSION",
      sessionToken: "t",
      userId: "u1",
      expires: LATER_ISO,
    })
    expect(session.items[0]).toMatchObject({ expiresAt: LATER_ISO, expires: LATER })
  })

  it("is deterministic: the same item gives the same items", () => {
    const item = { pk: "VT#a", sk: "VT#b", type: "VT", identifier: "a", token: "b", expires: LATER }
    expect(map(item)).toEqual(map(item))
  })
})
