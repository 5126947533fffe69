/**
 * The per-request read memo (src/store/read-memo.ts) on the edge transport against DynamoDB
 * Local: what it answers without a request, and every case where it must read again. The
 * handler suite counts what it saves in Better Auth's flows (sign-out).
 */
import type { Transport } from "@dynamoauth/core"
import {
  batchGetItems,
  getItem,
  type PlainKey,
  putItem,
  queryAll,
  type Table,
} from "@dynamoauth/core/internal"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { beforeAll, describe, expect, it } from "vitest"
import { withReadMemo } from "../src/store/read-memo.js"
import { countingTransport, edgeTransport, freshTable } from "./edge.js"

const raw = edgeTransport(dynamodbEndpoint())

describe("read memo", () => {
  let names: Table["names"]
  const key = (id: string): PlainKey => ({ [names.partitionKey]: id, [names.sortKey]: id })
  beforeAll(async () => {
    names = await freshTable(raw)
    await putItem({ transport: raw, names }, { ...key("a"), v: 1 })
    await putItem({ transport: raw, names }, { ...key("b"), v: 2 })
  })

  /** A memoized table inside the request `scope.current` (none: outside any request). */
  function setup() {
    const scope: { current: object | undefined } = { current: {} }
    const { counted, requests } = countingTransport(raw)
    const transport: Transport = withReadMemo(counted, () => scope.current)
    return { table: { transport, names } as Table, requests, scope }
  }

  it("answers a repeated read of a key within one request without a request, absent keys too", async () => {
    const { table, requests } = setup()
    expect((await batchGetItems(table, [key("a"), key("b")])).map((i) => i.v).sort()).toEqual([
      1, 2,
    ])
    expect((await getItem(table, key("a")))?.v).toBe(1)
    expect(await getItem(table, key("missing"))).toBeUndefined()
    expect(await getItem(table, key("missing"))).toBeUndefined()
    // Only the key not read yet is sent.
    expect((await batchGetItems(table, [key("b"), key("c")])).map((i) => i.v)).toEqual([2])
    const query = { expression: `#pk = :p`, values: { ":p": "a" } }
    expect((await queryAll(table, { condition: query })).length).toBe(1)
    expect((await queryAll(table, { condition: query })).length).toBe(1)
    expect(requests).toEqual(["BatchGetItem", "GetItem", "BatchGetItem", "Query"])
  })

  it("reads again after any write through it (read-your-writes), failed writes too", async () => {
    const { table, requests } = setup()
    await getItem(table, key("w"))
    await putItem(table, { ...key("w"), v: 3 })
    expect((await getItem(table, key("w")))?.v).toBe(3)
    await expect(
      putItem(table, { ...key("w"), v: 4 }, { expression: "attribute_not_exists(#pk)" }),
    ).rejects.toThrow()
    expect((await getItem(table, key("w")))?.v).toBe(3)
    expect(requests).toEqual(["GetItem", "PutItem", "GetItem", "PutItem", "GetItem"])
  })

  it("remembers nothing outside a request, and nothing across requests: another server's write is seen by the next request", async () => {
    const { table, requests, scope } = setup()
    await putItem({ transport: raw, names }, { ...key("s"), v: "session" })
    scope.current = undefined
    await getItem(table, key("s"))
    await getItem(table, key("s"))
    expect(requests).toEqual(["GetItem", "GetItem"])
    scope.current = {}
    expect((await getItem(table, key("s")))?.v).toBe("session")
    // Another server signs the session out: the next request sees it at once.
    await raw.send("DeleteItem", { TableName: names.tableName, Key: marshalled(key("s")) })
    scope.current = {}
    expect(await getItem(table, key("s"))).toBeUndefined()
  })

  it("does not keep a read that was in flight while a write was sent", async () => {
    const { counted, requests } = countingTransport(raw)
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const slow: Transport = {
      send: async (operation, input, options) => {
        const out = await counted.send(operation, input, options)
        if (operation === "GetItem") await held
        return out
      },
    }
    const request = {}
    const table = { transport: withReadMemo(slow, () => request), names } as Table
    await putItem({ transport: raw, names }, { ...key("r"), v: 1 })
    const reading = getItem(table, key("r"))
    await putItem(table, { ...key("r"), v: 2 })
    release()
    expect((await reading)?.v).toBe(1)
    expect((await getItem(table, key("r")))?.v).toBe(2)
    expect(requests).toEqual(["GetItem", "PutItem", "GetItem"])
  })

  it("sends eventually consistent reads as they are", async () => {
    const { table, requests } = setup()
    const input = { TableName: names.tableName, Key: marshalled(key("a")) }
    await table.transport.send("GetItem", input)
    await table.transport.send("GetItem", input)
    expect(requests).toEqual(["GetItem", "GetItem"])
  })
})

function marshalled(key: PlainKey) {
  return Object.fromEntries(Object.entries(key).map(([name, value]) => [name, { S: value }]))
}
