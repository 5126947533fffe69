import { describe, expect, it } from "vitest"
import { startDeadline, wait } from "../src/deadline.js"

describe("startDeadline", () => {
  it("aborts when the time runs out, and says so", async () => {
    const deadline = startDeadline(20, undefined)
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(deadline.signal.aborted).toBe(true)
    expect(deadline.timedOut).toBe(true)
    deadline.dispose()
  })

  it("follows the caller's signal, even one aborted before it started", () => {
    const caller = new AbortController()
    caller.abort()
    const deadline = startDeadline(10_000, caller.signal)
    expect(deadline.signal.aborted).toBe(true)
    expect(deadline.timedOut).toBe(false)
    deadline.dispose()
  })

  it("does not fire after dispose", async () => {
    const deadline = startDeadline(10, undefined)
    deadline.dispose()
    await new Promise((resolve) => setTimeout(resolve, 40))
    expect(deadline.signal.aborted).toBe(false)
  })
})

describe("wait", () => {
  it("resolves true once the time has passed", async () => {
    const started = Date.now()
    expect(await wait(30, undefined)).toBe(true)
    expect(Date.now() - started).toBeGreaterThanOrEqual(25)
  })

  it("resolves false as soon as the caller aborts", async () => {
    const caller = new AbortController()
    const started = Date.now()
    setTimeout(() => caller.abort(), 20)
    expect(await wait(10_000, caller.signal)).toBe(false)
    expect(Date.now() - started).toBeLessThan(1_000)
  })

  it("resolves false at once for an already aborted signal", async () => {
    expect(await wait(10_000, AbortSignal.abort())).toBe(false)
  })
})
