import { describe, expect, it } from "vitest"
import { isDynamoAuthError } from "./errors.js"
import { marshall, marshallItem, parseNumber, unmarshall, unmarshallItem } from "./marshall.js"

const bytes = new Uint8Array([0, 1, 254, 255])

describe("marshall", () => {
  it.each<[string, unknown, unknown]>([
    ["string", "héllo", { S: "héllo" }],
    ["empty string", "", { S: "" }],
    ["integer", 42, { N: "42" }],
    ["negative float", -1.5, { N: "-1.5" }],
    ["epoch seconds with ms", 1700000000.123, { N: "1700000000.123" }],
    ["bigint", 12345678901234567890n, { N: "12345678901234567890" }],
    ["boolean", false, { BOOL: false }],
    ["null", null, { NULL: true }],
    ["binary", bytes, { B: bytes }],
    ["date", new Date("2024-01-02T03:04:05.678Z"), { S: "2024-01-02T03:04:05.678Z" }],
    ["list, undefined dropped", [1, undefined, "a"], { L: [{ N: "1" }, { S: "a" }] }],
    [
      "map, undefined dropped",
      { a: 1, b: undefined, c: { d: true } },
      { M: { a: { N: "1" }, c: { M: { d: { BOOL: true } } } } },
    ],
    ["string set", new Set(["a", "b"]), { SS: ["a", "b"] }],
    ["number set", new Set([1, 2.5]), { NS: ["1", "2.5"] }],
    ["binary set", new Set([bytes]), { BS: [bytes] }],
  ])("%s", (_, value, expected) => {
    expect(marshall(value)).toStrictEqual(expected)
  })

  it("drops undefined", () => {
    expect(marshall(undefined)).toBeUndefined()
    expect(marshallItem({ a: undefined, b: "x" })).toStrictEqual({ b: { S: "x" } })
  })

  it.each<[string, unknown]>([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["empty set", new Set()],
    ["mixed set", new Set(["a", 1])],
    ["function", () => 1],
    ["symbol", Symbol("s")],
  ])("rejects %s with INVALID_INPUT naming the path", (_, value) => {
    let caught: unknown
    try {
      marshallItem({ field: { nested: value } })
    } catch (error) {
      caught = error
    }
    expect(isDynamoAuthError(caught) && caught.code).toBe("INVALID_INPUT")
    expect((caught as Error).message).toContain("item.field.nested")
  })
})

describe("unmarshall", () => {
  it("round-trips every type", () => {
    const value = {
      s: "x",
      n: 1.25,
      big: 98765432109876543210n,
      t: true,
      z: null,
      b: bytes,
      l: [1, "a", [false]],
      m: { deep: { deeper: "y" } },
      ss: new Set(["a"]),
      ns: new Set([3]),
      bs: new Set([bytes]),
    }
    expect(unmarshallItem(marshallItem(value))).toStrictEqual(value)
  })

  it("reads DynamoDB's normalised number text exactly", () => {
    expect(unmarshall({ N: "1.50" })).toBe(1.5)
    expect(unmarshall({ N: "1E+21" })).toBe(1e21)
    expect(unmarshall({ N: "-0.000001" })).toBe(-0.000001)
    expect(unmarshall({ N: "9007199254740993" })).toBe(9007199254740993n)
  })

  it("refuses to lose decimal digits", () => {
    expect(() => parseNumber("0.12345678901234567890123")).toThrow(/more digits/)
  })
})
