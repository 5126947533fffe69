import { apiKey } from "@better-auth/api-key"
import { passkey } from "@better-auth/passkey"
import { getAuthTables } from "better-auth/db"
import {
  admin,
  deviceAuthorization,
  emailOTP,
  jwt,
  magicLink,
  organization,
  twoFactor,
  username,
} from "better-auth/plugins"
import { describe, expect, it } from "vitest"
import { leftToTtl, lookupFor } from "./lookups.js"
import { DEFAULT_RATE_LIMIT_TTL, readSchema } from "./schema.js"

/** The plugins users commonly enable, as Better Auth builds their schema. */
const plugins = [
  twoFactor(),
  organization({ teams: { enabled: true } }),
  deviceAuthorization({ verificationUri: "/device" }),
  emailOTP({ sendVerificationOTP: async () => {} }),
  magicLink({ sendMagicLink: async () => {} }),
  username(),
  jwt(),
  admin(),
  passkey(),
  apiKey(),
]

describe("readSchema", () => {
  const models = readSchema(
    getAuthTables({ plugins, rateLimit: { storage: "database" } }) as never,
    { rateLimitTtl: 7200 },
  )
  const summary = (name: string) => {
    const { claims, lookups } = models.get(name)!
    return { claims, lookups }
  }

  it("claims fields declared unique at field level and at table level (device codes)", () => {
    expect(summary("deviceCode")).toEqual({
      claims: [["deviceCode"], ["userCode"]],
      lookups: [],
    })
    expect(summary("user").claims).toEqual([["email"], ["username"]])
    expect(summary("organization")).toEqual({ claims: [["slug"]], lookups: [] })
    expect(summary("teamMember").claims).toEqual([["membershipKey"]])
  })

  it("lists records under every indexed field and foreign key, user references first", () => {
    expect(summary("member").lookups).toEqual([["userId"], ["organizationId"]])
    expect(summary("teamMember").lookups).toEqual([["userId"], ["teamId"]])
    expect(summary("invitation").lookups).toEqual([["inviterId"], ["email"], ["organizationId"]])
    expect(summary("twoFactor").lookups).toEqual([["userId"], ["secret"]])
    expect(summary("apikey").lookups).toEqual([["configId"], ["referenceId"], ["key"]])
    // Claimed fields need no member: passkeys by credentialID are read through their claim.
    expect(summary("passkey")).toEqual({ claims: [["credentialID"]], lookups: [["userId"]] })
    // A model with no declared lookup is one list (the JWT plugin reads all its keys).
    expect(summary("jwks")).toEqual({ claims: [], lookups: [[]] })
  })

  it("expires models with expiresAt, and rate-limit rows a TTL past their last request", () => {
    expect(models.get("deviceCode")!.expires).toBe("expiresAt")
    expect(models.get("rateLimit")).toMatchObject({
      claims: [["key"]],
      expires: "lastRequest",
      expiresAfter: 7200,
    })
    expect(
      readSchema(getAuthTables({ rateLimit: { storage: "database" } }) as never).get("rateLimit")!
        .expiresAfter,
    ).toBe(DEFAULT_RATE_LIMIT_TTL)
  })

  it("reads renamed models and fields, at table level too", () => {
    const tables = getAuthTables({
      plugins: [
        deviceAuthorization({
          verificationUri: "/device",
          schema: { deviceCode: { modelName: "devices", fields: { userCode: "user_code" } } },
        }),
      ],
    })
    expect(readSchema(tables as never).get("devices")!.claims).toEqual([
      ["deviceCode"],
      ["user_code"],
    ])
  })
})

describe("lookupFor", () => {
  const member = { name: "member", claims: [], lookups: [["userId"], ["organizationId"]] }
  it("takes the first lookup the where fixes", () => {
    const equal = new Map<string, unknown>([
      ["organizationId", "o1"],
      ["userId", "u1"],
    ])
    expect(lookupFor(member, equal)).toEqual({ fields: ["userId"], values: ["u1"] })
    expect(lookupFor(member, new Map([["organizationId", "o1"]]))).toEqual({
      fields: ["organizationId"],
      values: ["o1"],
    })
    expect(lookupFor(member, new Map([["role", "owner"]]))).toBeUndefined()
    expect(lookupFor({ name: "jwks", claims: [], lookups: [[]] }, new Map())).toEqual({
      fields: [],
      values: [],
    })
  })
})

describe("leftToTtl", () => {
  const now = Date.parse("2030-01-01T00:00:00Z")
  const verification = { name: "verification", claims: [], lookups: [], expires: "expiresAt" }
  const rateLimit = { ...verification, name: "rateLimit", expires: "lastRequest", expiresAfter: 60 }
  it("answers prunes of expired records (Better Auth's verification, API key and rate-limit clean-ups)", () => {
    expect(
      leftToTtl(verification, [{ field: "expiresAt", operator: "lt", value: new Date(now) }], now),
    ).toBe(true)
    expect(
      leftToTtl(
        verification,
        [
          { field: "expiresAt", operator: "lt", value: "2029-12-31T00:00:00.000Z" },
          { field: "expiresAt", operator: "ne", value: null },
        ],
        now,
      ),
    ).toBe(true)
    expect(
      leftToTtl(rateLimit, [{ field: "lastRequest", operator: "lt", value: now - 60_000 }], now),
    ).toBe(true)
  })

  it("leaves every other deleteMany to the store", () => {
    const future = { field: "expiresAt", operator: "lt" as const, value: new Date(now + 1) }
    expect(leftToTtl(verification, [future], now)).toBe(false)
    expect(leftToTtl(verification, [], now)).toBe(false)
    expect(
      leftToTtl(verification, [{ field: "expiresAt", operator: "ne", value: null }], now),
    ).toBe(false)
    expect(
      leftToTtl(
        verification,
        [
          { field: "expiresAt", operator: "lt", value: new Date(now) },
          { field: "identifier", value: "x" },
        ],
        now,
      ),
    ).toBe(false)
    expect(
      leftToTtl(
        verification,
        [{ field: "expiresAt", operator: "gt", value: new Date(now - 1) }],
        now,
      ),
    ).toBe(false)
    expect(
      leftToTtl(
        { name: "user", claims: [], lookups: [] },
        [{ field: "expiresAt", operator: "lt", value: new Date(now) }],
        now,
      ),
    ).toBe(false)
  })
})
