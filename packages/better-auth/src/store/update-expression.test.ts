import { describe, expect, it } from "vitest"
import { recordUpdate } from "./update-expression.js"

const where = [
  { field: "id", value: "r1", operator: "eq", connector: "AND", mode: "sensitive" },
] as const

describe("recordUpdate", () => {
  it("sets, removes and increments, guarded by the where, the record's existence (not being deleted) and the counter still a number", () => {
    const out = recordUpdate(
      { id: "r1", count: 2 },
      [...where],
      { name: "A", gone: undefined },
      {
        count: 1,
      },
    )
    expect(out).toEqual({
      update: {
        expression: "SET #u0 = :u0, #u2 = #u2 + :u2 REMOVE #u1",
        names: { "#u0": "name", "#u1": "gone", "#u2": "count" },
        values: { ":u0": "A", ":u2": 1 },
      },
      guard: {
        expression:
          "attribute_exists(#pk) AND attribute_not_exists(#lv) AND #w0 = :w1 AND attribute_type(#u2, :t2)",
        names: { "#lv": "_leaving", "#w0": "id", "#u2": "count" },
        values: { ":w1": "r1", ":t2": "N" },
      },
    })
  })

  it("counts a missing counter from 0, and the guard declares every placeholder it uses", () => {
    const out = recordUpdate({ id: "r1" }, [...where], {}, { failedVerificationCount: 1 })
    expect(out.update).toEqual({
      expression: "SET #u0 = :u0",
      names: { "#u0": "failedVerificationCount" },
      values: { ":u0": 1 },
    })
    // Each expression is its own scope: the guard cannot borrow the update's #u0 or :t0.
    expect(out.guard).toEqual({
      expression:
        "attribute_exists(#pk) AND attribute_not_exists(#lv) AND #w0 = :w1 AND (attribute_not_exists(#u0) OR attribute_type(#u0, :t0))",
      names: { "#lv": "_leaving", "#w0": "id", "#u0": "failedVerificationCount" },
      values: { ":w1": "r1", ":t0": "NULL" },
    })
  })

  it("has no update when nothing changes", () => {
    expect(recordUpdate({ id: "r1" }, [...where], {}, {}).update).toBeUndefined()
  })
})
