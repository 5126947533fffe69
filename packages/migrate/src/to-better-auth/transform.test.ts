import { createKeys, resolveTableOptions } from "@dynamoauth/core"
import { createLayout, marshallItem } from "@dynamoauth/core/internal"
import { describe, expect, it } from "vitest"
import { derivedId, type SessionsMode, toBetterAuth } from "./transform.js"

const NOW = new Date("2026-01-01T00:00:00.000Z")
const STAMP = NOW.toISOString()
const LATER = 1_900_000_000 // 2030-03-17T17:46:40Z
const LATER_ISO = "2030-03-17T17:46:40.000Z"

function context(names: Record<string, string> = {}, sessions: SessionsMode = "keep") {
  const keys = createKeys(resolveTableOptions(names))
  return { keys, layout: createLayout(keys), sessions, now: NOW }
}

const map = (item: Record<string, unknown>, ctx = context()) => {
  const { items, changes, problems, skipped, model } = toBetterAuth(marshallItem(item), ctx)
  return { model, items, changes, problems, skipped }
}

describe("Auth.js item → Better Auth items (golden)", () => {
  it.each([
    [
      "user (official adapter)",
      {
        pk: "USER#u1",
        sk: "USER#u1",
        GSI1PK: "USER#Ada@Example.com",
        GSI1SK: "USER#Ada@Example.com",
        type: "USER",
        id: "u1",
        name: "Ada",
        email: "Ada@Example.com",
        emailVerified: "2025-05-01T10:00:00.000Z",
        image: "https://example.com/a.png",
        role: "admin",
      },
      {
        model: "user",
        items: [
          {
            pk: "user#u1",
            sk: "user#u1",
            _m: "user",
            id: "u1",
            name: "Ada",
            email: "ada@example.com",
            emailVerified: true,
            image: "https://example.com/a.png",
            createdAt: STAMP,
            updatedAt: STAMP,
            role: "admin",
          },
          {
            pk: "user#email#ada@example.com",
            sk: "user#email#ada@example.com",
            _claim: "user",
            _ref: "u1",
          },
        ],
        changes: ["user.email-lowercased", "user.emailVerified", "user.createdAt"],
        problems: [],
        skipped: undefined,
      },
    ],
    [
      "user without email, name or verification (v3: createdAt kept)",
      {
        pk: "USER#u2",
        sk: "USER#u2",
        type: "USER",
        id: "u2",
        emailVerified: null,
        createdAt: "2020-01-01T00:00:00.000Z",
      },
      {
        model: "user",
        items: [
          {
            pk: "user#u2",
            sk: "user#u2",
            _m: "user",
            id: "u2",
            name: "",
            emailVerified: false,
            createdAt: "2020-01-01T00:00:00.000Z",
            updatedAt: "2020-01-01T00:00:00.000Z",
          },
        ],
        changes: ["user.emailVerified", "user.name-empty"],
        problems: ["user.no-email"],
        skipped: undefined,
      },
    ],
    [
      "account (dynamoauth, OAuth tokens)",
      {
        pk: "USER#u1",
        sk: "ACCOUNT#github#42",
        GSI1PK: "ACCOUNT#github",
        GSI1SK: "ACCOUNT#42",
        type: "oauth",
        id: "a1",
        userId: "u1",
        provider: "github",
        providerAccountId: "42",
        access_token: "gho_x",
        refresh_token: "ghr_y",
        id_token: "eyJ.z",
        expires_at: LATER,
        token_type: "bearer",
        scope: "read:user",
        session_state: "s",
      },
      {
        model: "account",
        items: [
          {
            pk: "account#a1",
            sk: "account#a1",
            _m: "account",
            id: "a1",
            userId: "u1",
            providerId: "github",
            accountId: "42",
            accessToken: "gho_x",
            refreshToken: "ghr_y",
            idToken: "eyJ.z",
            accessTokenExpiresAt: LATER_ISO,
            scope: "read:user",
            createdAt: STAMP,
            updatedAt: STAMP,
          },
          {
            pk: "account#providerId#github#accountId#42",
            sk: "account#providerId#github#accountId#42",
            _claim: "account",
            _ref: "a1",
            userId: "u1",
          },
          { pk: "account#userId#u1", sk: "account#a1", _member: "account", _ref: "a1" },
        ],
        changes: [
          "account.providerId",
          "account.accountId",
          "account.accessToken",
          "account.refreshToken",
          "account.idToken",
          "account.accessTokenExpiresAt",
          "account.drop.type",
          "account.drop.token_type",
          "account.drop.session_state",
        ],
        problems: [],
        skipped: undefined,
      },
    ],
    [
      "session",
      {
        pk: "USER#u1",
        sk: "SESSION#tok-1",
        GSI1PK: "SESSION#tok-1",
        GSI1SK: "SESSION#tok-1",
        type: "SESSION",
        sessionToken: "tok-1",
        userId: "u1",
        expires: LATER,
      },
      {
        model: "session",
        items: [
          {
            pk: `session#${derivedId("session", "tok-1")}`,
            sk: `session#${derivedId("session", "tok-1")}`,
            _m: "session",
            expires: LATER,
            id: derivedId("session", "tok-1"),
            token: "tok-1",
            userId: "u1",
            expiresAt: LATER_ISO,
            createdAt: STAMP,
            updatedAt: STAMP,
          },
          {
            pk: "session#token#tok-1",
            sk: "session#token#tok-1",
            _claim: "session",
            _ref: derivedId("session", "tok-1"),
            userId: "u1",
            expires: LATER,
          },
          {
            pk: "session#userId#u1",
            sk: `session#${derivedId("session", "tok-1")}`,
            _member: "session",
            _ref: derivedId("session", "tok-1"),
            expires: LATER,
          },
        ],
        changes: ["session.token", "session.expiresAt"],
        problems: [],
        skipped: undefined,
      },
    ],
    [
      "verification token",
      {
        pk: "VT#ada@example.com",
        sk: "VT#h4sh",
        type: "VT",
        identifier: "ada@example.com",
        token: "h4sh",
        expires: LATER,
      },
      {
        model: "verification",
        items: [
          {
            pk: `verification#${derivedId("verification", "ada@example.com", "h4sh")}`,
            sk: `verification#${derivedId("verification", "ada@example.com", "h4sh")}`,
            _m: "verification",
            expires: LATER,
            id: derivedId("verification", "ada@example.com", "h4sh"),
            identifier: "ada@example.com",
            value: "h4sh",
            expiresAt: LATER_ISO,
            createdAt: STAMP,
            updatedAt: STAMP,
          },
          {
            pk: "verification#identifier#ada@example.com",
            sk: `verification#${derivedId("verification", "ada@example.com", "h4sh")}`,
            _member: "verification",
            _ref: derivedId("verification", "ada@example.com", "h4sh"),
            expires: LATER,
          },
        ],
        changes: ["verification.id", "verification.value", "verification.expiresAt"],
        problems: [],
        skipped: undefined,
      },
    ],
    [
      "authenticator → passkey (base64 credential id → base64url)",
      {
        pk: "USER#u1",
        sk: "AUTHENTICATOR#ab+/cQ==",
        GSI1PK: "AUTHENTICATOR#ab+/cQ==",
        GSI1SK: "AUTHENTICATOR#ab+/cQ==",
        type: "AUTHENTICATOR",
        userId: "u1",
        providerAccountId: "ab+/cQ==",
        credentialID: "ab+/cQ==",
        credentialPublicKey: "pQECAyYg",
        counter: 7,
        credentialDeviceType: "multiDevice",
        credentialBackedUp: true,
        transports: "internal,hybrid",
      },
      {
        model: "passkey",
        items: [
          {
            pk: `passkey#${derivedId("passkey", "ab-_cQ")}`,
            sk: `passkey#${derivedId("passkey", "ab-_cQ")}`,
            _m: "passkey",
            id: derivedId("passkey", "ab-_cQ"),
            userId: "u1",
            credentialID: "ab-_cQ",
            publicKey: "pQECAyYg",
            counter: 7,
            deviceType: "multiDevice",
            backedUp: true,
            transports: "internal,hybrid",
            createdAt: STAMP,
          },
          {
            pk: "passkey#credentialID#ab-_cQ",
            sk: "passkey#credentialID#ab-_cQ",
            _claim: "passkey",
            _ref: derivedId("passkey", "ab-_cQ"),
            userId: "u1",
          },
          {
            pk: "passkey#userId#u1",
            sk: `passkey#${derivedId("passkey", "ab-_cQ")}`,
            _member: "passkey",
            _ref: derivedId("passkey", "ab-_cQ"),
          },
        ],
        changes: [
          "passkey.credentialID-base64url",
          "passkey.publicKey",
          "passkey.deviceType",
          "passkey.backedUp",
        ],
        problems: [],
        skipped: undefined,
      },
    ],
  ])("%s", (_, item, expected) => {
    expect(map(item)).toEqual(expected)
  })

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
