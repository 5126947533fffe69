import { afterEach, describe, expect, it, vi } from "vitest"
import { createProgressBar } from "./progress.js"

function fakeStream() {
  const writes: string[] = []
  return {
    writes,
    stream: {
      columns: 200,
      write: (text: string) => writes.push(text),
    } as unknown as NodeJS.WriteStream,
  }
}

const progress = {
  command: "run" as const,
  scanned: 500,
  migrated: 300,
  unchanged: 190,
  failed: 10,
  conflicts: 2,
  nonconforming: 0,
  elapsedMs: 1000,
  itemsPerSecond: 500,
  segmentsDone: 1,
  segmentsTotal: 4,
}

describe("progress bar", () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it("shows scanned of the approximate total, migrated, skipped, failed and the rate on one line", () => {
    // The clock stands still, so the second update falls inside the redraw interval however
    // loaded the machine is.
    vi.useFakeTimers({ now: 1_000_000 })
    const { writes, stream } = fakeStream()
    const bar = createProgressBar(stream, 1000)
    bar.update(progress, true)
    expect(writes[0]).toBe(
      `\r\u001b[2Krun ${"█".repeat(12)}${"░".repeat(12)} 500/~1,000 scanned · 300 migrated · 190 skipped · 10 failed · 500 items/s · segments 1/4`,
    )
    bar.update({ ...progress, scanned: 501 })
    expect(writes).toHaveLength(1) // throttled
    vi.advanceTimersByTime(100)
    bar.update({ ...progress, scanned: 502 })
    expect(writes).toHaveLength(2) // redrawn once the interval has passed
    bar.finish()
    expect(writes.at(-1)).toBe("\n")
  })

  it("fills up when every segment is done, whatever the estimate said", () => {
    const { writes, stream } = fakeStream()
    createProgressBar(stream, undefined).update({ ...progress, segmentsDone: 4 }, true)
    expect(writes[0]).toContain("█".repeat(24))
    expect(writes[0]).not.toContain("/~")
  })
})
