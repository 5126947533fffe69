import { describe, expect, it } from "vitest"
import { medianInterval } from "./stats.js"

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => n - i) // unsorted on purpose

describe("medianInterval: a distribution-free 95% interval for the median", () => {
  it.each([
    // n, then the ranks of the published order-statistic intervals (binomial tables).
    [6, 1, 6],
    [10, 2, 9],
    [21, 6, 16],
    [60, 22, 39],
    [100, 40, 61],
  ])("of %i values: the %i-th to the %i-th smallest", (n, low, high) => {
    expect(medianInterval(oneTo(n))).toEqual({ low, high })
  })

  it("narrows as values accumulate, and holds the median", () => {
    const widths = [20, 80, 320].map((n) => {
      const { low, high } = medianInterval(oneTo(n))
      expect(low).toBeLessThanOrEqual((n + 1) / 2)
      expect(high).toBeGreaterThanOrEqual((n + 1) / 2)
      return (high - low) / n
    })
    expect(widths[1]).toBeLessThan(widths[0]!)
    expect(widths[2]).toBeLessThan(widths[1]!)
  })

  it("counts past the point where ½ⁿ underflows", () => {
    const { low, high } = medianInterval(oneTo(2000))
    expect([low, high]).toEqual([956, 1045])
  })

  it("refuses a sample too small for the confidence asked", () => {
    expect(() => medianInterval(oneTo(5))).toThrow(/too few values \(5\)/)
  })
})
