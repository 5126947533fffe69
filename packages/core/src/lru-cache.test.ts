import { describe, expect, it } from "vitest"
import { LruCache } from "./lru-cache.js"

describe("LruCache", () => {
  it("never holds more than its capacity, evicting the least recently used", () => {
    const cache = new LruCache<string, number>(3)
    for (const [i, key] of ["a", "b", "c"].entries()) cache.set(key, i)
    expect(cache.get("a")).toBe(0) // a is now the most recent
    cache.set("d", 3)
    expect(cache.size).toBe(3)
    expect(cache.get("b")).toBeUndefined()
    expect([cache.get("a"), cache.get("c"), cache.get("d")]).toEqual([0, 2, 3])
    for (let i = 0; i < 1000; i++) cache.set(`k${i}`, i)
    expect(cache.size).toBe(3)
    expect(cache.get("k999")).toBe(999)
  })

  it("holds nothing at capacity 0, and forgets deleted keys", () => {
    const off = new LruCache<string, number>(0)
    off.set("a", 1)
    expect(off.get("a")).toBeUndefined()
    const cache = new LruCache<string, number>(2)
    cache.set("a", 1)
    cache.delete("a")
    expect(cache.get("a")).toBeUndefined()
    expect(cache.size).toBe(0)
  })
})
