import { describe, expect, it } from "vitest"
import { createKeys } from "../keys.js"
import { resolveTableOptions } from "../options.js"
import { createLayout, DEFAULT_MODELS } from "./items.js"

describe("Better Auth layout items", () => {
  it("builds record, claim and member items under custom key names (no index attributes)", () => {
    const layout = createLayout(
      createKeys(
        resolveTableOptions({ partitionKey: "PK", sortKey: "SK", indexPartitionKey: "G1" }),
      ),
    )
    const session = {
      id: "s1",
      token: "t#1",
      userId: "u1",
      expiresAt: "2030-01-01T00:00:00.000Z",
      ipAddress: undefined,
    }
    expect(layout.recordItem(DEFAULT_MODELS.session!, session)).toEqual({
      PK: "session#s1",
      SK: "session#s1",
      _m: "session",
      expires: 1893456000,
      id: "s1",
      token: "t#1",
      userId: "u1",
      expiresAt: "2030-01-01T00:00:00.000Z",
    })
    expect(layout.claimsOf(DEFAULT_MODELS.session!, session).map((c) => c.item)).toEqual([
      {
        PK: "session#token#t%231",
        SK: "session#token#t%231",
        _claim: "session",
        _ref: "s1",
        userId: "u1",
        expires: 1893456000,
      },
    ])
    expect(layout.membersOf(DEFAULT_MODELS.session!, session)).toEqual([
      {
        PK: "session#userId#u1",
        SK: "session#s1",
        _member: "session",
        _ref: "s1",
        expires: 1893456000,
      },
    ])
    expect(layout.membersOf(DEFAULT_MODELS.session!, { ...session, userId: null })).toEqual([])
    expect(layout.claimsOf(DEFAULT_MODELS.user!, { id: "u1", email: null })).toEqual([])
  })
})
