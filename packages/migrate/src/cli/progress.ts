/**
 * A one-line progress bar on stderr, only when stderr is a terminal: items
 * scanned (of DescribeTable's approximate count), migrated, skipped, failed,
 * and the rate. Redrawn at most ten times a second.
 */
import type { Progress } from "../options.js"

const REDRAW_MS = 100
const WIDTH = 24

export function createProgressBar(
  stream: NodeJS.WriteStream,
  approximateTotal: number | undefined,
) {
  let last = 0
  let drawn = false
  const format = new Intl.NumberFormat("en-US")
  return {
    update(p: Progress, force = false) {
      const now = Date.now()
      if (!force && now - last < REDRAW_MS) return
      last = now
      const total =
        approximateTotal && approximateTotal > 0 ? Math.max(approximateTotal, p.scanned) : undefined
      const done = p.segmentsDone === p.segmentsTotal ? 1 : total ? p.scanned / total : 0
      const filled = Math.round(done * WIDTH)
      const bar = `${"█".repeat(filled)}${"░".repeat(WIDTH - filled)}`
      const of = total ? `/~${format.format(total)}` : ""
      const written =
        p.command === "verify"
          ? `${format.format(p.nonconforming)} nonconforming`
          : `${format.format(p.migrated)} ${p.command === "plan" ? "to migrate" : "migrated"}`
      const line = `${p.command} ${bar} ${format.format(p.scanned)}${of} scanned · ${written} · ${format.format(p.unchanged)} skipped · ${format.format(p.failed)} failed · ${format.format(p.itemsPerSecond)} items/s · segments ${p.segmentsDone}/${p.segmentsTotal}`
      stream.write(`\r\x1b[2K${line.slice(0, Math.max(20, (stream.columns ?? 160) - 1))}`)
      drawn = true
    },
    finish() {
      if (drawn) stream.write("\n")
    },
  }
}
