import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { rawRequest } from "../raw-request.js"
import { createTestTable } from "../test-support/tables.js"
import { dynamodbEndpoint } from "../vitest/context.js"
import { type FaultProxy, startFaultProxy } from "./proxy.js"
import { type AsyncFaultProxyControls, CONTROL_PREFIX, remoteFaultProxy } from "./remote-control.js"

describe("fault proxy: remote control over HTTP", () => {
  let proxy: FaultProxy
  let remote: AsyncFaultProxyControls
  let table: string
  const controlCalls: string[] = []

  beforeAll(async () => {
    table = await createTestTable(dynamodbEndpoint(), "remote")
    proxy = await startFaultProxy({ target: dynamodbEndpoint() })
    remote = remoteFaultProxy(proxy.endpoint, {
      fetch: (input, init) => {
        controlCalls.push(String(input))
        return fetch(input, init)
      },
    })
  })
  afterAll(async () => {
    await proxy?.close()
  })

  it("reads and resets counts, without counting its own requests", async () => {
    await remote.resetCounts()
    await rawRequest(proxy.endpoint, "ListTables", {})
    await rawRequest(proxy.endpoint, "ListTables", {})
    expect(await remote.counts()).toEqual({ ListTables: 2 })
    expect(await remote.total()).toBe(2)
    expect(proxy.counts()).toEqual({ ListTables: 2 })
    await remote.resetCounts()
    expect(await remote.total()).toBe(0)
    expect(controlCalls.every((url) => url.startsWith(`${proxy.endpoint}${CONTROL_PREFIX}`))).toBe(
      true,
    )
  })

  it("sets index lag, faults and delay", async () => {
    await remote.setIndexLag(10_000)
    const item = { pk: { S: "r" }, sk: { S: "r" }, GSI1PK: { S: "R" }, GSI1SK: { S: "r" } }
    await rawRequest(proxy.endpoint, "PutItem", { TableName: table, Item: item })
    const query = {
      TableName: table,
      IndexName: "GSI1",
      KeyConditionExpression: "GSI1PK = :p",
      ExpressionAttributeValues: { ":p": { S: "R" } },
    }
    expect((await rawRequest(proxy.endpoint, "Query", query)).Count).toBe(0)
    await remote.setIndexLag(0)
    expect((await rawRequest(proxy.endpoint, "Query", query)).Count).toBe(1)

    await remote.setFaults({ throttleRate: 1, throttleType: "RequestLimitExceeded" })
    await expect(rawRequest(proxy.endpoint, "ListTables", {})).rejects.toMatchObject({
      status: 400,
      type: "RequestLimitExceeded",
    })
    expect((await remote.injected()).throttle).toBe(1)
    await remote.clearFaults()
    await rawRequest(proxy.endpoint, "ListTables", {})

    await remote.setDelay(200)
    const started = performance.now()
    await rawRequest(proxy.endpoint, "ListTables", {})
    expect(performance.now() - started).toBeGreaterThanOrEqual(190)
    await remote.setDelay(0)
  })

  it("reports invalid settings and unknown routes", async () => {
    await expect(remote.setFaults({ resetRate: 0.7, serverErrorRate: 0.7 })).rejects.toThrow(
      "remoteFaultProxy faults: HTTP 400",
    )
    const response = await fetch(`${proxy.endpoint}${CONTROL_PREFIX}nope`, { method: "POST" })
    expect(response.status).toBe(404)
  })
})
