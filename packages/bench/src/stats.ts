/** Order statistics over small samples (nearest-rank, no interpolation, so every figure was observed). */

export function median(values: readonly number[]): number {
  return quantile(values, 0.5)
}

export function p95(values: readonly number[]): number {
  return quantile(values, 0.95)
}

/** Nearest-rank quantile: the smallest observed value with at least q of the sample at or below it. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new RangeError("quantile of an empty sample")
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil(q * sorted.length))
  return sorted[rank - 1]!
}

/** The value seen most often (first seen wins a tie): request counts should not vary between calls. */
export function mode<T>(values: readonly T[], key: (value: T) => string): T {
  const seen = new Map<string, { value: T; count: number }>()
  for (const value of values) {
    const k = key(value)
    const entry = seen.get(k) ?? { value, count: 0 }
    entry.count++
    seen.set(k, entry)
  }
  let best: { value: T; count: number } | undefined
  for (const entry of seen.values()) if (!best || entry.count > best.count) best = entry
  if (!best) throw new RangeError("mode of an empty sample")
  return best.value
}

/** Ratios of two samples taken in the same rounds, round by round: median and range. */
export function pairedRatios(a: readonly number[], b: readonly number[]) {
  if (a.length !== b.length || a.length === 0) throw new RangeError("samples of unequal rounds")
  const ratios = a.map((value, i) => value / b[i]!)
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) }
}

/**
 * A distribution-free confidence interval for the median: the k-th smallest and k-th largest
 * values, k the largest rank with P(Binomial(n, ½) < k) ≤ (1 − confidence) / 2, so the interval
 * holds the true median with at least that probability whatever the distribution (the values
 * independent). Observed values only, as everywhere here. Needs n ≥ 6 at 95%.
 */
export function medianInterval(values: readonly number[], confidence = 0.95) {
  const n = values.length
  const tail = (1 - confidence) / 2
  // P(X ≤ j) for X ~ Binomial(n, ½), summed in logs (0.5^n underflows past n ≈ 1,000).
  let logChoose = 0
  let below = 0
  let k = 0
  for (let j = 0; j < n; j++) {
    below += Math.exp(logChoose - n * Math.LN2)
    if (below > tail) break
    k = j + 1
    logChoose += Math.log((n - j) / (j + 1))
  }
  if (k === 0) throw new RangeError(`too few values (${n}) for a ${confidence} interval`)
  const sorted = [...values].sort((a, b) => a - b)
  return { low: sorted[k - 1]!, high: sorted[n - k]! }
}
