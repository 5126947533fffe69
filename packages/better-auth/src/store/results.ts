/** How found records are handed back: Better Auth's sort order, selections, and bounded fan-out. */

/** Writes in flight at once for updateMany / deleteMany. */
const WRITE_CONCURRENCY = 16

/** Only the selected fields (all when there is no selection); reads cost the same either way. */
export function pick(record: Record<string, unknown>, select: string[] | undefined) {
  if (!select?.length) return record
  return Object.fromEntries(select.filter((f) => f in record).map((f) => [f, record[f]]))
}

/** Better Auth's sort order: nulls first, then by value. */
export function order(a: unknown, b: unknown): number {
  if (a === b) return 0
  if (a === null || a === undefined) return -1
  if (b === null || b === undefined) return 1
  if (typeof a === "number" && typeof b === "number") return a - b
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b)
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0
}

/** Runs `run` on every item, a bounded number at once; counts the ones that returned true. */
export async function eachLimited<T>(
  all: T[],
  run: (item: T) => Promise<boolean>,
): Promise<number> {
  let done = 0
  for (let i = 0; i < all.length; i += WRITE_CONCURRENCY) {
    const results = await Promise.all(all.slice(i, i + WRITE_CONCURRENCY).map(run))
    done += results.filter(Boolean).length
  }
  return done
}
