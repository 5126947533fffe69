import { describe, expect, it } from "vitest"
import { leftToTtl, lookupFor } from "./lookups.js"
import type { Where } from "./where.js"

/** A clause as Better Auth's factory passes it (AND, case-sensitive, eq unless given). */
const clause = (c: Pick<Where, "field" | "value"> & Partial<Where>): Where =>
  ({ operator: "eq", connector: "AND", mode: "sensitive", ...c }) as Where

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
      leftToTtl(
        verification,
        [clause({ field: "expiresAt", operator: "lt", value: new Date(now) })],
        now,
      ),
    ).toBe(true)
    expect(
      leftToTtl(
        verification,
        [
          clause({ field: "expiresAt", operator: "lt", value: "2029-12-31T00:00:00.000Z" }),
          clause({ field: "expiresAt", operator: "ne", value: null }),
        ],
        now,
      ),
    ).toBe(true)
    expect(
      leftToTtl(
        rateLimit,
        [clause({ field: "lastRequest", operator: "lt", value: now - 60_000 })],
        now,
      ),
    ).toBe(true)
  })

  it("leaves every other deleteMany to the store", () => {
    const future = clause({ field: "expiresAt", operator: "lt", value: new Date(now + 1) })
    expect(leftToTtl(verification, [future], now)).toBe(false)
    expect(leftToTtl(verification, [], now)).toBe(false)
    expect(
      leftToTtl(verification, [clause({ field: "expiresAt", operator: "ne", value: null })], now),
    ).toBe(false)
    expect(
      leftToTtl(
        verification,
        [
          clause({ field: "expiresAt", operator: "lt", value: new Date(now) }),
          clause({ field: "identifier", value: "x" }),
        ],
        now,
      ),
    ).toBe(false)
    expect(
      leftToTtl(
        verification,
        [clause({ field: "expiresAt", operator: "gt", value: new Date(now - 1) })],
        now,
      ),
    ).toBe(false)
    expect(
      leftToTtl(
        { name: "user", claims: [], lookups: [] },
        [clause({ field: "expiresAt", operator: "lt", value: new Date(now) })],
        now,
      ),
    ).toBe(false)
  })
})
