import { createKeys, resolveTableOptions } from "@dynamoauth/core"
import { describe, expect, it } from "vitest"
import { transformItem } from "./index.js"

const keys = createKeys(resolveTableOptions())
const context = { keys, dropLegacy: false }
const S = (S: string) => ({ S })
const N = (N: string) => ({ N })

// A v3 account exactly as 0.4.x wrote it (docs/legacy-layouts.md).
const v3Account = {
  pk: S("USER#u1"),
  sk: S("ACCOUNT#github#42"),
  GSI1PK: S("ACCOUNT#42"),
  GSI1SK: S("ACCOUNT#github"),
  providerId: S("github"),
  providerAccountId: N("42"),
  providerType: S("oauth"),
  accessToken: S("gho_secret"),
  refreshToken: S("ghr_secret"),
  accessTokenExpires: N("1700000000000"),
  type: S("ACCOUNT"),
  userId: S("u1"),
  createdAt: S("2021-05-01T10:00:00.000Z"),
  updatedAt: S("2021-05-01T10:00:00.000Z"),
}

describe("transformItem", () => {
  it("moves a v3 account to the current shape, keeping the old fields", () => {
    const result = transformItem(v3Account, context)
    expect(result.kind).toBe("account")
    expect(result.rekeyed).toBe(false)
    expect(result.problems).toEqual([])
    expect(result.item).toEqual({
      ...v3Account,
      GSI1PK: S("ACCOUNT#github"),
      GSI1SK: S("ACCOUNT#42"),
      type: S("oauth"),
      provider: S("github"),
      providerAccountId: S("42"),
      access_token: S("gho_secret"),
      refresh_token: S("ghr_secret"),
      expires_at: N("1700000000"),
    })
    expect(result.changes.sort()).toEqual([
      "account.access_token",
      "account.expires_at",
      "account.index-keys",
      "account.provider",
      "account.providerAccountId",
      "account.refresh_token",
      "account.type",
    ])
  })

  it("drops the v3 account fields only when asked", () => {
    const { item } = transformItem(v3Account, { keys, dropLegacy: true })
    expect(Object.keys(item).sort()).toEqual(
      [
        "GSI1PK",
        "GSI1SK",
        "access_token",
        "expires_at",
        "pk",
        "provider",
        "providerAccountId",
        "refresh_token",
        "sk",
        "type",
        "userId",
      ].sort(),
    )
  })

  it("converts ISO session expiry to the epoch seconds the official adapter writes", () => {
    const session = {
      pk: S("USER#u1"),
      sk: S("SESSION#tok"),
      GSI1PK: S("SESSION#tok"),
      GSI1SK: S("SESSION#tok"),
      sessionToken: S("tok"),
      accessToken: S("random"),
      type: S("SESSION"),
      userId: S("u1"),
      expires: S("2021-06-01T12:00:00.123Z"),
    }
    const result = transformItem(session, context)
    expect(result.changes).toEqual(["session.expires"])
    expect(result.item.expires).toEqual(N(String(Date.parse("2021-06-01T12:00:00.123Z") / 1000)))
    expect(result.item.accessToken).toEqual(S("random"))
    expect(transformItem(session, { keys, dropLegacy: true }).item.accessToken).toBeUndefined()
  })

  it("re-keys a verification request as a verification token", () => {
    const request = {
      pk: S("VR#a@b.c"),
      sk: S("VR#abc123"),
      token: S("abc123"),
      identifier: S("a@b.c"),
      type: S("VR"),
      expires: S("2021-06-01T12:00:00.000Z"),
      createdAt: S("2021-05-31T12:00:00.000Z"),
      updatedAt: S("2021-05-31T12:00:00.000Z"),
    }
    const result = transformItem(request, context)
    expect(result.kind).toBe("verification-request")
    expect(result.rekeyed).toBe(true)
    expect(result.item).toEqual({
      ...request,
      pk: S("VT#a@b.c"),
      sk: S("VT#abc123"),
      type: S("VT"),
      expires: N("1622548800"),
    })
    expect(result.reads.sort()).toEqual(Object.keys(request).sort())
  })

  it("removes bogus index keys of users without email and fixes stale ones", () => {
    const noEmail = {
      pk: S("USER#u"),
      sk: S("USER#u"),
      id: S("u"),
      type: S("USER"),
      email: { NULL: true as const },
      GSI1PK: S("USER#null"),
      GSI1SK: S("USER#null"),
    }
    const fixed = transformItem(noEmail, context)
    expect(fixed.changes).toEqual(["user.index-keys"])
    expect(fixed.item.GSI1PK).toBeUndefined()
    expect(fixed.item.GSI1SK).toBeUndefined()
    const stale = {
      pk: S("USER#u"),
      sk: S("USER#u"),
      id: S("u"),
      type: S("USER"),
      email: S("new@x.y"),
      GSI1PK: S("USER#old@x.y"),
      GSI1SK: S("USER#old@x.y"),
    }
    expect(transformItem(stale, context).item.GSI1PK).toEqual(S("USER#new@x.y"))
  })

  it("is a fixpoint: the output of a transform needs no change", () => {
    for (const dropLegacy of [false, true]) {
      const once = transformItem(v3Account, { keys, dropLegacy })
      const twice = transformItem(once.item, { keys, dropLegacy })
      expect(twice.changes).toEqual([])
      expect(twice.item).toBe(once.item)
    }
  })

  it("applies custom key names to everything", () => {
    const custom = createKeys(
      resolveTableOptions({
        partitionKey: "PK",
        sortKey: "SK",
        indexPartitionKey: "ix_pk",
        indexSortKey: "ix_sk",
      }),
    )
    const account = {
      ...v3Account,
      PK: v3Account.pk,
      SK: v3Account.sk,
      ix_pk: v3Account.GSI1PK,
      ix_sk: v3Account.GSI1SK,
    } as Record<string, any>
    for (const name of ["pk", "sk", "GSI1PK", "GSI1SK"]) delete account[name]
    const result = transformItem(account, { keys: custom, dropLegacy: false })
    expect(result.kind).toBe("account")
    expect(result.item.ix_pk).toEqual(S("ACCOUNT#github"))
    expect(result.item.ix_sk).toEqual(S("ACCOUNT#42"))
    expect(result.item.GSI1PK).toBeUndefined()
  })

  it("reports what it cannot fix instead of guessing", () => {
    const session = {
      pk: S("USER#u"),
      sk: S("SESSION#t"),
      GSI1PK: S("SESSION#t"),
      GSI1SK: S("SESSION#t"),
      sessionToken: S("t"),
      type: S("SESSION"),
      userId: S("u"),
      expires: { NULL: true as const },
    }
    expect(transformItem(session, context).problems).toEqual(["session.no-expires"])
    const garbled = { ...session, expires: S("next tuesday") }
    expect(transformItem(garbled, context).problems).toEqual(["session.unreadable-expires"])
  })

  it("leaves foreign items and dynamoauth's claims alone", () => {
    const foreign = { pk: S("APP#x"), sk: S("APP#x"), v: N("1") }
    expect(transformItem(foreign, context)).toMatchObject({
      kind: "unknown",
      changes: [],
      item: foreign,
    })
    const claim = {
      pk: S("EMAIL#a@b.c"),
      sk: S("EMAIL#a@b.c"),
      type: S("EMAIL_CLAIM"),
      userId: S("u"),
    }
    expect(transformItem(claim, context)).toMatchObject({ kind: "claim", changes: [] })
  })
})
