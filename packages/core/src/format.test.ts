import { describe, expect, it } from "vitest"
import { format, fromEpochSeconds, generateUpdateExpression, toEpochSeconds } from "./format.js"

describe("format", () => {
  it("to: Dates become ISO strings, expires becomes epoch seconds", () => {
    expect(
      format.to({
        emailVerified: new Date("2024-01-02T03:04:05.678Z"),
        expires: new Date("2024-01-02T03:04:05.678Z"),
        name: "n",
      }),
    ).toStrictEqual({
      emailVerified: "2024-01-02T03:04:05.678Z",
      expires: 1704164645.678,
      name: "n",
    })
  })

  it("from: strips default key attributes and type markers, revives dates", () => {
    expect(
      format.from({
        pk: "USER#1",
        sk: "USER#1",
        GSI1PK: "USER#a",
        GSI1SK: "USER#a",
        type: "USER",
        emailVerified: "2024-01-02T03:04:05.678Z",
        expires: 1704164645.678,
        id: "1",
      }),
    ).toStrictEqual({
      emailVerified: new Date("2024-01-02T03:04:05.678Z"),
      expires: new Date("2024-01-02T03:04:05.678Z"),
      id: "1",
    })
    expect(format.from(undefined)).toBeNull()
  })

  it("from: keeps an account's own type", () => {
    expect(format.from({ type: "oauth" })).toStrictEqual({ type: "oauth" })
  })

  it("epoch seconds keep every millisecond", () => {
    for (let ms = 1_700_000_000_000; ms < 1_700_000_000_000 + 5000; ms += 7) {
      expect(fromEpochSeconds(toEpochSeconds(new Date(ms))).getTime()).toBe(ms)
    }
  })

  it("generateUpdateExpression works for any attribute name", () => {
    expect(
      generateUpdateExpression({ "favorite-color": "red", "a.b": 1, skip: undefined }),
    ).toStrictEqual({
      UpdateExpression: "set #p0 = :v0, #p1 = :v1",
      ExpressionAttributeNames: { "#p0": "favorite-color", "#p1": "a.b" },
      ExpressionAttributeValues: { ":v0": "red", ":v1": 1 },
    })
  })
})
