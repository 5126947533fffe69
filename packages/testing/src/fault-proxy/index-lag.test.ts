import { setTimeout as sleep } from "node:timers/promises"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { dynamoDBHeaders, rawRequest } from "../raw-request.js"
import { createTestTable } from "../test-support/tables.js"
import { dynamodbEndpoint } from "../vitest/context.js"
import { crc32 } from "./crc32.js"
import { type FaultProxy, startFaultProxy } from "./proxy.js"

// Long enough that a cold, busy DynamoDB Local answers well within it.
// Long enough that a loaded machine never reaches it between a write and the next query; the
// test of expiry shortens it instead of waiting.
const LAG_MS = 30_000
const SHORT_LAG_MS = 200

function user(id: string, keys = { pk: "pk", sk: "sk" }) {
  return {
    [keys.pk]: { S: `USER#${id}` },
    [keys.sk]: { S: `USER#${id}` },
    GSI1PK: { S: "EMAILS" },
    GSI1SK: { S: `USER#${id}` },
  }
}

describe("fault proxy: simulated index lag", () => {
  let proxy: FaultProxy
  let db: string

  beforeAll(async () => {
    db = dynamodbEndpoint()
    proxy = await startFaultProxy({ target: db })
  })
  afterAll(async () => {
    await proxy?.close()
  })
  beforeEach(() => proxy.setIndexLag(0))

  const queryIndex = (endpoint: string, table: string) =>
    rawRequest(endpoint, "Query", {
      TableName: table,
      IndexName: "GSI1",
      KeyConditionExpression: "GSI1PK = :pk",
      ExpressionAttributeValues: { ":pk": { S: "EMAILS" } },
    })

  it("hides a fresh write from index queries for the lag, then shows it", async () => {
    const table = await createTestTable(db, "lag")
    // Written straight to DynamoDB: the proxy never saw it, so it is never hidden.
    await rawRequest(db, "PutItem", { TableName: table, Item: user("old") })
    proxy.setIndexLag(LAG_MS)
    await rawRequest(proxy.endpoint, "PutItem", { TableName: table, Item: user("new") })

    const during = await queryIndex(proxy.endpoint, table)
    expect(during.Items.map((i: any) => i.pk.S)).toEqual(["USER#old"])
    expect(during.Count).toBe(1)
    // The base table is strongly consistent: the item is there.
    const got = await rawRequest(proxy.endpoint, "GetItem", {
      TableName: table,
      Key: { pk: { S: "USER#new" }, sk: { S: "USER#new" } },
      ConsistentRead: true,
    })
    expect(got.Item).toBeDefined()
    // A Query on the table itself is not an index read and is not filtered.
    const base = await rawRequest(proxy.endpoint, "Query", {
      TableName: table,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": { S: "USER#new" } },
    })
    expect(base.Count).toBe(1)

    // Lag is measured when a query comes: a shorter lag that has passed shows the item.
    proxy.setIndexLag(SHORT_LAG_MS)
    await sleep(SHORT_LAG_MS + 50)
    const after = await queryIndex(proxy.endpoint, table)
    expect(after.Items.map((i: any) => i.pk.S).sort()).toEqual(["USER#new", "USER#old"])
    expect(after.Count).toBe(2)
  })

  it("starts lag for UpdateItem, DeleteItem, BatchWriteItem and TransactWriteItems", async () => {
    const table = await createTestTable(db, "lag-ops")
    for (const id of ["u", "b", "t"]) {
      await rawRequest(db, "PutItem", { TableName: table, Item: user(id) })
    }
    proxy.setIndexLag(LAG_MS)
    await rawRequest(proxy.endpoint, "UpdateItem", {
      TableName: table,
      Key: { pk: { S: "USER#u" }, sk: { S: "USER#u" } },
      UpdateExpression: "SET #n = :n",
      ExpressionAttributeNames: { "#n": "name" },
      ExpressionAttributeValues: { ":n": { S: "x" } },
    })
    await rawRequest(proxy.endpoint, "BatchWriteItem", {
      RequestItems: { [table]: [{ PutRequest: { Item: user("b") } }] },
    })
    await rawRequest(proxy.endpoint, "TransactWriteItems", {
      TransactItems: [
        { Put: { TableName: table, Item: user("t") } },
        // A condition check writes nothing and must not hide the item it checks.
        {
          ConditionCheck: {
            TableName: table,
            Key: { pk: { S: "USER#visible" }, sk: { S: "USER#visible" } },
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
      ],
    })
    await rawRequest(db, "PutItem", { TableName: table, Item: user("visible") })
    const during = await queryIndex(proxy.endpoint, table)
    expect(during.Items.map((i: any) => i.pk.S)).toEqual(["USER#visible"])

    await rawRequest(proxy.endpoint, "DeleteItem", {
      TableName: table,
      Key: { pk: { S: "USER#visible" }, sk: { S: "USER#visible" } },
    })
    await rawRequest(db, "PutItem", { TableName: table, Item: user("visible") })
    expect((await queryIndex(proxy.endpoint, table)).Count).toBe(0)
  })

  it("does not start lag for a write that failed its condition", async () => {
    const table = await createTestTable(db, "lag-cond")
    await rawRequest(db, "PutItem", { TableName: table, Item: user("a") })
    proxy.setIndexLag(LAG_MS)
    await expect(
      rawRequest(proxy.endpoint, "PutItem", {
        TableName: table,
        Item: user("a"),
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    ).rejects.toMatchObject({ type: "ConditionalCheckFailedException" })
    expect((await queryIndex(proxy.endpoint, table)).Count).toBe(1)
  })

  it("uses the given key attribute names", async () => {
    const keys = { pk: "PK", sk: "sort key" }
    const table = await createTestTable(db, "lag-names", {
      partitionKey: "PK",
      sortKey: "sort key",
    })
    proxy.setIndexLag(LAG_MS, { partitionKey: "PK", sortKey: "sort key" })
    await rawRequest(proxy.endpoint, "PutItem", { TableName: table, Item: user("n", keys) })
    expect((await queryIndex(proxy.endpoint, table)).Count).toBe(0)
    proxy.setIndexLag(0)
    expect((await queryIndex(proxy.endpoint, table)).Count).toBe(1)
  })

  it("sends a correct x-amz-crc32 with a rewritten answer", async () => {
    const table = await createTestTable(db, "lag-crc")
    await rawRequest(db, "PutItem", { TableName: table, Item: user("kept") })
    proxy.setIndexLag(LAG_MS)
    await rawRequest(proxy.endpoint, "PutItem", { TableName: table, Item: user("hidden") })
    const response = await fetch(proxy.endpoint, {
      method: "POST",
      headers: dynamoDBHeaders("Query"),
      body: JSON.stringify({
        TableName: table,
        IndexName: "GSI1",
        KeyConditionExpression: "GSI1PK = :pk",
        ExpressionAttributeValues: { ":pk": { S: "EMAILS" } },
      }),
    })
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect(JSON.parse(new TextDecoder().decode(bytes)).Count).toBe(1)
    expect(response.headers.get("content-length")).toBe(String(bytes.length))
    expect(response.headers.get("x-amz-crc32")).toBe(String(crc32(bytes)))
  })
})
