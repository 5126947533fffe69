import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { dynamoDBHeaders, rawRequest } from "../raw-request.js"
import { createTestTable } from "../test-support/tables.js"
import { dynamodbEndpoint } from "../vitest/context.js"
import { crc32 } from "./crc32.js"
import { FaultPlan } from "./faults.js"
import { type FaultProxy, startFaultProxy } from "./proxy.js"

/** One PutItem through a plain fetch client; reports what the client saw. */
async function put(endpoint: string, table: string, id: string, signal?: AbortSignal) {
  try {
    const response = await fetch(endpoint, {
      method: "POST",
      headers: dynamoDBHeaders("PutItem"),
      body: JSON.stringify({ TableName: table, Item: { pk: { S: id }, sk: { S: id } } }),
      ...(signal ? { signal } : {}),
    })
    return { status: response.status, body: await response.json() }
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause
    return { error: (error as Error).name, code: cause?.code }
  }
}

describe("fault proxy: injected faults", () => {
  let proxy: FaultProxy
  let db: string
  let table: string

  const stored = async (id: string) =>
    (
      await rawRequest(db, "GetItem", {
        TableName: table,
        Key: { pk: { S: id }, sk: { S: id } },
        ConsistentRead: true,
      })
    ).Item !== undefined

  beforeAll(async () => {
    db = dynamodbEndpoint()
    table = await createTestTable(db, "faults", { withIndex: false })
    proxy = await startFaultProxy({ target: db, seed: 42 })
  })
  afterAll(async () => {
    await proxy?.close()
  })
  beforeEach(() => {
    proxy.clearFaults()
    proxy.resetCounts()
  })

  it("throttles with HTTP 400 ProvisionedThroughputExceededException, without forwarding", async () => {
    proxy.setFaults({ throttleRate: 1 })
    const seen = await put(proxy.endpoint, table, "throttled")
    expect(seen.status).toBe(400)
    expect(seen.body.__type).toBe(
      "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
    )
    expect(await stored("throttled")).toBe(false)
    expect(proxy.injected()).toMatchObject({ throttle: 1, serverError: 0, reset: 0 })
    expect(proxy.counts()).toEqual({ PutItem: 1 })
  })

  it("can throttle with ThrottlingException instead", async () => {
    proxy.setFaults({ throttleRate: 1, throttleType: "ThrottlingException" })
    const seen = await put(proxy.endpoint, table, "throttled-2")
    expect(seen.status).toBe(400)
    expect(seen.body.__type).toBe("com.amazon.coral.availability#ThrottlingException")
  })

  it("answers HTTP 500 InternalFailure, without forwarding", async () => {
    proxy.setFaults({ serverErrorRate: 1 })
    const seen = await put(proxy.endpoint, table, "failed")
    expect(seen.status).toBe(500)
    expect(seen.body.__type).toBe("com.amazon.coral.service#InternalFailure")
    expect(await stored("failed")).toBe(false)
    expect(proxy.injected().serverError).toBe(1)
  })

  it("resets the connection without forwarding", async () => {
    proxy.setFaults({ resetRate: 1 })
    const seen = await put(proxy.endpoint, table, "reset")
    expect(seen).toMatchObject({ error: "TypeError", code: "ECONNRESET" })
    expect(await stored("reset")).toBe(false)
    expect(proxy.injected().reset).toBe(1)
  })

  it("forwards, then resets the connection: the write is applied but the answer lost", async () => {
    proxy.setFaults({ resetAfterForwardRate: 1 })
    const seen = await put(proxy.endpoint, table, "applied")
    expect(seen).toMatchObject({ error: "TypeError", code: "ECONNRESET" })
    expect(await stored("applied")).toBe(true)
    expect(proxy.injected().resetAfterForward).toBe(1)
  })

  it("delays requests, so a client timeout fires while the proxy holds the request", async () => {
    proxy.setFaults({ delayMs: 1_000 })
    const seen = await put(proxy.endpoint, table, "timed-out", AbortSignal.timeout(200))
    expect(seen.error).toBe("TimeoutError")
    expect(proxy.injected().delay).toBe(1)
    // The client hung up before the delay ended, so nothing was forwarded.
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(await stored("timed-out")).toBe(false)
  })

  it("limits faults to the named operations", async () => {
    proxy.setFaults({ serverErrorRate: 1, operations: ["GetItem"] })
    expect((await put(proxy.endpoint, table, "allowed")).status).toBe(200)
    await expect(
      rawRequest(proxy.endpoint, "GetItem", {
        TableName: table,
        Key: { pk: { S: "allowed" }, sk: { S: "allowed" } },
      }),
    ).rejects.toMatchObject({ status: 500, type: "InternalFailure" })
  })

  it("recovers after clearFaults()", async () => {
    proxy.setFaults({ resetRate: 1 })
    expect((await put(proxy.endpoint, table, "before-clear")).code).toBe("ECONNRESET")
    proxy.clearFaults()
    expect((await put(proxy.endpoint, table, "after-clear")).status).toBe(200)
    expect(await stored("after-clear")).toBe(true)
  })

  it("injects a mix of faults at the given rates, the same way for the same seed", async () => {
    const outcomes = async (seed: number) => {
      const mixed = await startFaultProxy({ target: db, seed })
      mixed.setFaults({ throttleRate: 0.2, serverErrorRate: 0.2, resetRate: 0.1 })
      const seen: string[] = []
      try {
        for (let i = 0; i < 40; i++) {
          const result = await put(mixed.endpoint, table, `mix-${seed}-${i}`)
          seen.push(result.code ?? String(result.status))
        }
        const injected = mixed.injected()
        expect(seen.filter((s) => s === "400").length).toBe(injected.throttle)
        expect(seen.filter((s) => s === "500").length).toBe(injected.serverError)
        expect(seen.filter((s) => s === "ECONNRESET").length).toBe(injected.reset)
        expect(mixed.total()).toBe(40)
      } finally {
        await mixed.close()
      }
      return seen
    }
    const first = await outcomes(7)
    expect(await outcomes(7)).toEqual(first)
    expect(await outcomes(8)).not.toEqual(first)
    for (const kind of ["200", "400", "500", "ECONNRESET"]) expect(first).toContain(kind)
  })
})

describe("FaultPlan", () => {
  it("rejects rates outside [0, 1] and exclusive rates adding up to more than 1", () => {
    const plan = new FaultPlan(1)
    expect(() => plan.set({ throttleRate: 1.5 })).toThrow(RangeError)
    expect(() => plan.set({ resetRate: -0.1 })).toThrow(RangeError)
    expect(() => plan.set({ throttleRate: 0.6, serverErrorRate: 0.6 })).toThrow(
      "add up to 1.2, more than 1",
    )
    expect(() => plan.set({ delayMs: -5 })).toThrow(RangeError)
  })

  it("stops faulting after maxFaults, until set again", () => {
    const plan = new FaultPlan(5)
    plan.set({ resetAfterForwardRate: 1, maxFaults: 2 })
    const actions = Array.from({ length: 4 }, () => plan.decide("PutItem").action)
    expect(actions).toEqual(["resetAfterForward", "resetAfterForward", "forward", "forward"])
    plan.set({ resetAfterForwardRate: 1, maxFaults: 1 })
    expect(plan.decide("PutItem").action).toBe("resetAfterForward")
    expect(plan.decide("PutItem").action).toBe("forward")
  })

  it("draws each outcome at about its rate", () => {
    const plan = new FaultPlan(123)
    plan.set({
      throttleRate: 0.25,
      serverErrorRate: 0.25,
      resetRate: 0.25,
      resetAfterForwardRate: 0.25,
    })
    const tally: Record<string, number> = {}
    for (let i = 0; i < 4_000; i++) {
      const { action } = plan.decide("PutItem")
      tally[action] = (tally[action] ?? 0) + 1
    }
    expect(tally.forward).toBeUndefined()
    for (const action of ["throttle", "serverError", "reset", "resetAfterForward"]) {
      expect(tally[action]).toBeGreaterThan(850)
      expect(tally[action]).toBeLessThan(1_150)
    }
  })
})

describe("crc32", () => {
  it("matches the standard check value", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926)
    expect(crc32(new Uint8Array())).toBe(0)
  })
})
