import { describe, expect, it } from "vitest"
import {
  format,
  fromEpochSeconds,
  generateUpdateExpression,
  isDate,
  toEpochSeconds,
} from "./format.js"

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

describe("isDate", () => {
  it("agrees with @auth/core's isDate", async () => {
    const { isDate: authIsDate } = await import("@auth/core/adapters")
    const samples = [
      "2024-01-02T03:04:05.678Z",
      "2024-01-02T03:04:05Z",
      "2024-01-02T03:04Z",
      "2024-01-02T03:04:05+02:00",
      "2024-01-02T03:04:05.1-11:30",
      "2024-01-02T03:04",
      "2024-01-02",
      "born 2024-01-02T03:04:05Z!",
      "2024-13-02T03:04:05Z",
      "2024-02-31T03:04:05Z",
      "9999-19-39T29:59:59Z",
      "not a date",
      "",
    ]
    for (const sample of samples)
      expect([sample, isDate(sample)]).toEqual([sample, authIsDate(sample)])
    expect(isDate(42)).toBe(false)
  })
})
