import { describe, expect, it } from "vitest"
import { afterPrefix, createKeys, type ParsedKey, parseKey } from "./keys.js"
import { KEY_TOO_LONG } from "./limits.js"
import { DEFAULT_OPTIONS, resolveTableOptions } from "./options.js"

const custom = resolveTableOptions({
  tableName: "auth",
  partitionKey: "PK",
  sortKey: "SK",
  indexName: "byLookup",
  indexPartitionKey: "lookupPK",
  indexSortKey: "lookup-sk",
})

describe("keys", () => {
  const cases: [
    string,
    (k: ReturnType<typeof createKeys>) => Record<string, string>,
    Record<string, string>,
  ][] = [
    ["user", (k) => k.user("u1"), { pk: "USER#u1", sk: "USER#u1" }],
    ["userIndex", (k) => k.userIndex("a@b.c"), { GSI1PK: "USER#a@b.c", GSI1SK: "USER#a@b.c" }],
    ["account", (k) => k.account("u1", "github", "42"), { pk: "USER#u1", sk: "ACCOUNT#github#42" }],
    [
      "accountIndex",
      (k) => k.accountIndex("github", "42"),
      { GSI1PK: "ACCOUNT#github", GSI1SK: "ACCOUNT#42" },
    ],
    ["session", (k) => k.session("u1", "tok"), { pk: "USER#u1", sk: "SESSION#tok" }],
    [
      "sessionIndex",
      (k) => k.sessionIndex("tok"),
      { GSI1PK: "SESSION#tok", GSI1SK: "SESSION#tok" },
    ],
    ["verificationToken", (k) => k.verificationToken("a@b.c", "h"), { pk: "VT#a@b.c", sk: "VT#h" }],
    [
      "authenticator",
      (k) => k.authenticator("u1", "cred"),
      { pk: "USER#u1", sk: "AUTHENTICATOR#cred" },
    ],
    [
      "authenticatorIndex",
      (k) => k.authenticatorIndex("cred"),
      { GSI1PK: "AUTHENTICATOR#cred", GSI1SK: "AUTHENTICATOR#cred" },
    ],
    ["emailClaim", (k) => k.emailClaim("a@b.c"), { pk: "EMAIL#a@b.c", sk: "EMAIL#a@b.c" }],
    [
      "accountClaim",
      (k) => k.accountClaim("github", "42"),
      { pk: "ACCOUNT#github#42", sk: "ACCOUNT#github#42" },
    ],
    ["sessionPointer", (k) => k.sessionPointer("tok"), { pk: "SESSION#tok", sk: "SESSION#tok" }],
    [
      "credentialClaim",
      (k) => k.credentialClaim("cred"),
      { pk: "AUTHENTICATOR#cred", sk: "AUTHENTICATOR#cred" },
    ],
  ]

  it.each(cases)("%s with the default names", (_, build, expected) => {
    expect(build(createKeys(DEFAULT_OPTIONS))).toStrictEqual(expected)
  })

  const rename: Record<string, string> = {
    pk: "PK",
    sk: "SK",
    GSI1PK: "lookupPK",
    GSI1SK: "lookup-sk",
  }
  it.each(cases)("%s with custom names", (_, build, expected) => {
    const renamed = Object.fromEntries(Object.entries(expected).map(([k, v]) => [rename[k], v]))
    expect(build(createKeys(custom))).toStrictEqual(renamed)
  })

  it("escapes # and % in the parts of an account claim, so no two accounts share one", () => {
    const k = createKeys(DEFAULT_OPTIONS)
    expect(k.accountClaim("github", "gh#x").pk).toBe("ACCOUNT#github#gh%23x")
    expect(k.accountClaim("github#gh", "x").pk).toBe("ACCOUNT#github%23gh#x")
    expect(k.accountClaim("github", "gh%23x").pk).toBe("ACCOUNT#github#gh%2523x")
    // The official adapter's own items keep its layout byte for byte.
    expect(k.account("u1", "github", "gh#x").sk).toBe("ACCOUNT#github#gh#x")
  })

  it("refuses values past DynamoDB's key limits, naming the field", () => {
    const k = createKeys(DEFAULT_OPTIONS)
    // A sort key holds 1024 bytes, prefix included: "SESSION#" is 8.
    expect(k.sessionIndex("a".repeat(1016)).GSI1SK).toHaveLength(1024)
    expect(() => k.sessionIndex("a".repeat(1017))).toThrow(
      expect.objectContaining({ name: KEY_TOO_LONG }),
    )
    // Bytes, not UTF-16 units: "é" is 2 bytes, "😀" 4.
    expect(() => k.emailClaim("é".repeat(510))).toThrow(/email .*1024-byte key limit/)
    expect(() => k.emailClaim("😀".repeat(254))).not.toThrow()
    expect(() => k.emailClaim("😀".repeat(255))).toThrow(/email/)
    // A partition key holds 2048.
    expect(() => k.verificationToken("a".repeat(2045), "t")).not.toThrow()
    expect(() => k.verificationToken("a".repeat(2046), "t")).toThrow(/identifier/)
    expect(() => k.verificationToken("i", "a".repeat(1022))).toThrow(/token/)
  })

  it("lists the key attribute names that are stripped from results", () => {
    expect(createKeys(custom).attributeNames).toStrictEqual(["PK", "SK", "lookupPK", "lookup-sk"])
  })
})

describe("parseKey", () => {
  // Every primary-key builder, and what parsing its key gives back.
  const cases: [string, (k: ReturnType<typeof createKeys>) => Record<string, string>, ParsedKey][] =
    [
      ["user", (k) => k.user("u1"), { kind: "user", userId: "u1" }],
      [
        "account",
        (k) => k.account("u1", "github", "4#2"),
        { kind: "account", userId: "u1", account: "github#4#2" },
      ],
      [
        "session",
        (k) => k.session("u1", "tok"),
        { kind: "session", userId: "u1", sessionToken: "tok" },
      ],
      [
        "authenticator",
        (k) => k.authenticator("u1", "cred"),
        { kind: "authenticator", userId: "u1", credentialID: "cred" },
      ],
      [
        "verificationToken",
        (k) => k.verificationToken("a@b.c", "h"),
        { kind: "verificationToken", identifier: "a@b.c", token: "h" },
      ],
      ["emailClaim", (k) => k.emailClaim("a@b.c"), { kind: "emailClaim", email: "a@b.c" }],
      [
        "accountClaim",
        (k) => k.accountClaim("git#hub", "4%2#"),
        { kind: "accountClaim", provider: "git#hub", providerAccountId: "4%2#" },
      ],
      [
        "sessionPointer",
        (k) => k.sessionPointer("tok"),
        { kind: "sessionPointer", sessionToken: "tok" },
      ],
      [
        "credentialClaim",
        (k) => k.credentialClaim("cred"),
        { kind: "credentialClaim", credentialID: "cred" },
      ],
    ]

  for (const [names, options] of [
    ["default", DEFAULT_OPTIONS],
    ["custom", custom],
  ] as const) {
    const keys = createKeys(options)
    it.each(cases)(`reads what %s writes, with the ${names} names`, (_, build, expected) => {
      const key = build(keys)
      expect(parseKey(key, keys)).toStrictEqual(expected)
      // Marshalled, as migrate reads items.
      const marshalled = Object.fromEntries(Object.entries(key).map(([n, v]) => [n, { S: v }]))
      expect(parseKey(marshalled, keys)).toStrictEqual(expected)
    })
  }

  it("reads under the configured names only", () => {
    const key = createKeys(custom).user("u1")
    expect(parseKey(key, createKeys(DEFAULT_OPTIONS))).toBeUndefined()
    expect(parseKey({ pk: "USER#u1", sk: "USER#u1" }, createKeys(custom))).toBeUndefined()
  })

  it("reads v3-era verification requests", () => {
    expect(parseKey({ pk: "VR#a@b.c", sk: "VR#h" }, createKeys(DEFAULT_OPTIONS))).toStrictEqual({
      kind: "verificationRequest",
      identifier: "a@b.c",
      token: "h",
    })
  })

  it.each([
    ["another application's item in a user partition", { pk: "USER#u1", sk: "ORDER#1" }],
    ["a user key whose two halves differ", { pk: "USER#u1", sk: "USER#u2" }],
    ["mixed verification prefixes", { pk: "VT#a", sk: "VR#h" }],
    ["a claim prefix with differing halves", { pk: "EMAIL#a", sk: "EMAIL#b" }],
    [
      "an account claim that is not two escaped parts",
      { pk: "ACCOUNT#a#b#c", sk: "ACCOUNT#a#b#c" },
    ],
    ["an unknown prefix", { pk: "ORDER#1", sk: "ORDER#1" }],
    ["a number key", { pk: { N: "1" }, sk: { N: "1" } }],
    ["a missing sort key", { pk: "USER#u1" }],
  ])("finds nothing in %s", (_, item) => {
    expect(parseKey(item, createKeys(DEFAULT_OPTIONS))).toBeUndefined()
  })

  it("afterPrefix gives the rest of a key after its prefix only", () => {
    expect(afterPrefix("SESSION#a#b", "SESSION#")).toBe("a#b")
    expect(afterPrefix("SESSION#", "SESSION#")).toBe("")
    expect(afterPrefix("USER#SESSION#a", "SESSION#")).toBeUndefined()
  })
})
