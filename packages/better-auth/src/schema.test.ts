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
import { DEFAULT_RATE_LIMIT_TTL, ownersOf, rateLimitTtl, readSchema } from "./schema.js"

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

  it("keeps rate-limit rows as long as the longest configured window, at least a day", () => {
    expect(rateLimitTtl(undefined)).toBe(DEFAULT_RATE_LIMIT_TTL)
    expect(rateLimitTtl({ rateLimit: { window: 60 } })).toBe(DEFAULT_RATE_LIMIT_TTL)
    expect(
      rateLimitTtl({
        rateLimit: {
          window: 60,
          customRules: { "/sign-in/email": { window: 7 * 86400, max: 3 }, "/x": false },
        },
      }),
    ).toBe(7 * 86400)
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

describe("ownersOf", () => {
  it("names the record a partition field points at by id, by database names", () => {
    const tables = getAuthTables({
      plugins: [passkey(), organization()],
      user: { modelName: "users" },
      session: { fields: { userId: "user_id" } },
    }) as never
    const owners = ownersOf(tables, readSchema(tables))
    expect(owners.get("session")).toBe("users")
    expect(owners.get("account")).toBe("users")
    expect(owners.get("passkey")).toBe("users")
    expect(owners.get("member")).toBe("users")
    // A user has no partition; a verification's (identifier) points at nothing.
    expect(owners.has("users")).toBe(false)
    expect(owners.has("verification")).toBe(false)
  })
})
