/**
 * Checks the workerd harness itself: the matchers the contract suite uses
 * pass when they should and throw when they should not, and hooks run in
 * vitest's order. A harness whose `expect` never fails would pass anything.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest"

describe("harness", () => {
  const order: string[] = []
  beforeAll(() => void order.push("beforeAll"))
  beforeEach(() => void order.push("beforeEach"))
  afterEach(() => void order.push("afterEach"))

  it("runs hooks in vitest's order", () => {
    expect(order).toEqual(["beforeAll", "beforeEach"])
  })

  it("runs afterEach after the previous test", () => {
    expect(order).toEqual(["beforeAll", "beforeEach", "afterEach", "beforeEach"])
  })

  it("matchers pass on matching values", async () => {
    expect(1).toBe(1)
    expect({ a: [new Uint8Array([1])] }).toEqual({ a: [new Uint8Array([1])] })
    expect({ a: 1, b: 2 }).toMatchObject({ a: 1 })
    expect(null).toBeNull()
    expect([1, 2]).toHaveLength(2)
    expect(new Uint8Array()).toBeInstanceOf(Uint8Array)
    expect("abc").toContain("b")
    expect([1, 2]).toContain(2)
    expect(undefined).toBeUndefined()
    expect(2).toBeGreaterThan(1)
    expect(1).not.toBe(2)
    expect({ a: 1 }).toEqual({ a: expect.any(Number) })
    await expect(Promise.reject(new Error("boom"))).rejects.toThrow("boom")
    await expect(
      Promise.reject(Object.assign(new Error("x"), { code: "C" })),
    ).rejects.toMatchObject({
      code: "C",
    })
    await expect(Promise.resolve(3)).resolves.toBe(3)
  })

  it("matchers throw on mismatching values", async () => {
    expect(() => expect(1).toBe(2)).toThrow()
    expect(() => expect({ a: new Uint8Array([1]) }).toEqual({ a: new Uint8Array([2]) })).toThrow()
    expect(() => expect({ a: 1 }).toMatchObject({ a: 2 })).toThrow()
    expect(() => expect(0).toBeNull()).toThrow()
    expect(() => expect([1]).toHaveLength(2)).toThrow()
    expect(() => expect({}).toBeInstanceOf(Uint8Array)).toThrow()
    expect(() => expect("abc").toContain("z")).toThrow()
    expect(() => expect(null).toBeUndefined()).toThrow()
    expect(() => expect(1).toBeGreaterThan(1)).toThrow()
    expect(() => expect(1).not.toBe(1)).toThrow()
    let rejected = false
    await expect(Promise.resolve(1))
      .rejects.toThrow()
      .catch(() => {
        rejected = true
      })
    expect(rejected).toBe(true)
  })
})
