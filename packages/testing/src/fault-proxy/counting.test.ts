import { createServer, Agent as HttpAgent, type IncomingHttpHeaders, request } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { dynamoDBHeaders, LOCAL_AUTHORIZATION, rawRequest } from "../raw-request.js"
import { createTestTable } from "../test-support/tables.js"
import { dynamodbEndpoint } from "../vitest/context.js"
import { crc32 } from "./crc32.js"
import { type FaultProxy, startFaultProxy } from "./proxy.js"

describe("fault proxy: forwarding and counting", () => {
  let proxy: FaultProxy
  let table: string

  beforeAll(async () => {
    table = await createTestTable(dynamodbEndpoint(), "counting")
    proxy = await startFaultProxy({ target: dynamodbEndpoint() })
  })
  afterAll(async () => {
    await proxy?.close()
  })

  it("counts requests per operation and in total, and resets the counts", async () => {
    proxy.resetCounts()
    for (let i = 0; i < 3; i++) {
      await rawRequest(proxy.endpoint, "PutItem", {
        TableName: table,
        Item: { pk: { S: `c${i}` }, sk: { S: "x" } },
      })
    }
    for (let i = 0; i < 2; i++) {
      const got = await rawRequest(proxy.endpoint, "GetItem", {
        TableName: table,
        Key: { pk: { S: `c${i}` }, sk: { S: "x" } },
      })
      expect(got.Item.pk.S).toBe(`c${i}`)
    }
    await rawRequest(proxy.endpoint, "Query", {
      TableName: table,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": { S: "c0" } },
    })
    expect(proxy.counts()).toEqual({ PutItem: 3, GetItem: 2, Query: 1 })
    expect(proxy.total()).toBe(6)

    proxy.resetCounts()
    expect(proxy.counts()).toEqual({})
    expect(proxy.total()).toBe(0)
  })

  it("passes DynamoDB's errors and checksums through unchanged", async () => {
    const response = await fetch(proxy.endpoint, {
      method: "POST",
      headers: dynamoDBHeaders("GetItem"),
      body: JSON.stringify({ TableName: "missing-table", Key: { pk: { S: "x" } } }),
    })
    expect(response.status).toBe(400)
    expect((await response.json()).__type).toMatch(/#ResourceNotFoundException$/)

    const ok = await fetch(proxy.endpoint, {
      method: "POST",
      headers: dynamoDBHeaders("DescribeTable"),
      body: JSON.stringify({ TableName: table }),
    })
    const bytes = new Uint8Array(await ok.arrayBuffer())
    expect(ok.headers.get("x-amz-crc32")).toBe(String(crc32(bytes)))
  })

  it("keeps client connections alive", async () => {
    const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 })
    const { port } = new URL(proxy.endpoint)
    const reused: boolean[] = []
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = request(
          {
            agent,
            host: "127.0.0.1",
            port,
            method: "POST",
            headers: dynamoDBHeaders("ListTables"),
          },
          (res) => {
            res.resume()
            res.on("end", () => resolve())
          },
        )
        req.on("error", reject)
        req.end("{}")
        reused.push(req.reusedSocket)
      })
    }
    agent.destroy()
    expect(reused).toEqual([false, true, true])
  })

  it("adds a fixed delay to every request", async () => {
    proxy.setDelay(250)
    try {
      const started = performance.now()
      await rawRequest(proxy.endpoint, "ListTables", {})
      expect(performance.now() - started).toBeGreaterThanOrEqual(240)
    } finally {
      proxy.setDelay(0)
    }
    expect(() => proxy.setDelay(-1)).toThrow(RangeError)
  })
})

describe("fault proxy: what it forwards", () => {
  it("forwards method, path, headers (Host included) and body unchanged", async () => {
    // A recording server stands in for DynamoDB here: only it can show what arrived.
    const seen: { method?: string; url?: string; headers?: IncomingHttpHeaders; body?: string } = {}
    const recorder = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on("data", (c: Buffer) => chunks.push(c))
      req.on("end", () => {
        Object.assign(seen, {
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        })
        res.end("{}")
      })
    })
    await new Promise<void>((resolve) => recorder.listen(0, "127.0.0.1", resolve))
    const target = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`
    const proxy = await startFaultProxy({ target })
    try {
      const body = JSON.stringify({ TableName: "t", Item: { pk: { S: "é✓" } } })
      const headers = {
        ...dynamoDBHeaders("PutItem"),
        "X-Amz-Date": "20260101T000000Z",
        "X-Amz-Security-Token": "token-value",
      }
      await fetch(`${proxy.endpoint}/some/path?x=1`, { method: "POST", headers, body })
      expect(seen.method).toBe("POST")
      expect(seen.url).toBe("/some/path?x=1")
      expect(seen.body).toBe(body)
      expect(seen.headers?.host).toBe(new URL(proxy.endpoint).host)
      expect(seen.headers?.["x-amz-target"]).toBe("DynamoDB_20120810.PutItem")
      expect(seen.headers?.authorization).toBe(LOCAL_AUTHORIZATION)
      expect(seen.headers?.["x-amz-date"]).toBe("20260101T000000Z")
      expect(seen.headers?.["x-amz-security-token"]).toBe("token-value")
      expect(seen.headers?.["content-type"]).toBe("application/x-amz-json-1.0")
      expect(seen.headers?.["content-length"]).toBe(String(Buffer.byteLength(body)))
    } finally {
      await proxy.close()
      await new Promise((resolve) => recorder.close(resolve))
    }
  })

  it("answers 502 naming the operation when the target is unreachable", async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve))
    const target = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`
    await new Promise((resolve) => closed.close(resolve))
    const proxy = await startFaultProxy({ target })
    try {
      const response = await fetch(proxy.endpoint, {
        method: "POST",
        headers: dynamoDBHeaders("GetItem"),
        body: "{}",
      })
      expect(response.status).toBe(502)
      expect((await response.json()).message).toBe(
        "fault proxy: GetItem could not reach the target: ECONNREFUSED",
      )
    } finally {
      await proxy.close()
    }
  })
})
