import { describe, expect, it } from "vitest"
import { createKeys } from "../keys.js"
import { resolveTableOptions } from "../options.js"
import { createModelKeys } from "./model-keys.js"

const custom = createModelKeys(
  createKeys(
    resolveTableOptions({
      partitionKey: "PK",
      sortKey: "SK",
      indexPartitionKey: "g.pk",
      indexSortKey: "g-sk",
    }),
  ),
)

describe("Better Auth keys", () => {
  it.each([
    [custom.record("user", "u1"), { PK: "user#u1", SK: "user#u1" }],
    [
      custom.claim("user", ["email"], ["a#b%c@x.io"]),
      { PK: "user#email#a%23b%25c@x.io", SK: "user#email#a%23b%25c@x.io" },
    ],
    [
      custom.claim("account", ["providerId", "accountId"], ["github", "42"]),
      {
        PK: "account#providerId#github#accountId#42",
        SK: "account#providerId#github#accountId#42",
      },
    ],
    [
      custom.member("session", ["userId"], ["u#1"], "s1"),
      { PK: "session#userId#u%231", SK: "session#s1" },
    ],
    [
      custom.member("member", ["organizationId", "userId"], ["o1", "u1"], "m1"),
      { PK: "member#organizationId#o1#userId#u1", SK: "member#m1" },
    ],
    [custom.member("jwks", [], [], "k1"), { PK: "jwks", SK: "jwks#k1" }],
    [
      custom.member("member", ["organizationId", "userId"], ["o1", "u1"], "m1"),
      { PK: "member#organizationId#o1#userId#u1", SK: "member#m1" },
    ],
    [custom.member("jwks", [], [], "k1"), { PK: "jwks", SK: "jwks#k1" }],
    [
      custom.claim("rateLimit", ["count"], [3]),
      { PK: "rateLimit#count#3", SK: "rateLimit#count#3" },
    ],
  ])("%o", (key, expected) => {
    expect(key).toEqual(expected)
  })

  it("never gives two different value lists one key (a # inside a value is escaped)", () => {
    const a = custom.claim("account", ["providerId", "accountId"], ["a#accountId#b", "c"])
    const b = custom.claim("account", ["providerId", "accountId"], ["a", "b#accountId#c"])
    expect(a).not.toEqual(b)
  })
})
