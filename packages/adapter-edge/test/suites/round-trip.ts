/**
 * Transport round trips against DynamoDB Local: every attribute type, binary
 * in keys, sets, nested values and every response shape that carries items.
 * Written with Web APIs and vitest's names only, so the same suite runs on
 * Node's fetch and inside workerd.
 */
import type { Transport } from "@dynamoauth/core"
import { beforeAll, describe, expect, it } from "vitest"

const bytes = (...values: number[]) => new Uint8Array(values)

/** One item with every DynamoDB attribute type, binary included. */
const everyType = (pk: string) => ({
  pk: { S: pk },
  sk: { S: "ITEM" },
  string: { S: "héllo wörld ✓ 🦕" },
  number: { N: "12345678901234567890123456789012345678" },
  negative: { N: "-0.000001" },
  binary: { B: bytes(0, 1, 2, 127, 128, 254, 255) },
  emptyBinary: { B: bytes() },
  bool: { BOOL: false },
  nothing: { NULL: true },
  strings: { SS: ["a", "b"] },
  numbers: { NS: ["1", "2.5"] },
  binaries: { BS: [bytes(1), bytes(2, 3)] },
  list: { L: [{ B: bytes(9) }, { S: "x" }, { L: [{ N: "1" }] }] },
  map: { M: { B: { B: bytes(7, 7) }, BS: { BS: [bytes(4)] }, S: { S: "s" } } },
})

export function defineRoundTripSuite(label: string, makeTransport: () => Transport): void {
  describe(`${label}: round trip`, () => {
    const table = `edge-round-trip-${crypto.randomUUID()}`
    const binaryTable = `edge-binary-key-${crypto.randomUUID()}`
    let transport: Transport

    beforeAll(async () => {
      transport = makeTransport()
      await transport.send("CreateTable", {
        TableName: table,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [
          { AttributeName: "pk", AttributeType: "S" },
          { AttributeName: "sk", AttributeType: "S" },
        ],
        KeySchema: [
          { AttributeName: "pk", KeyType: "HASH" },
          { AttributeName: "sk", KeyType: "RANGE" },
        ],
      })
      await transport.send("CreateTable", {
        TableName: binaryTable,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "B", AttributeType: "B" }],
        KeySchema: [{ AttributeName: "B", KeyType: "HASH" }],
      })
    })

    it("PutItem then GetItem returns every attribute type unchanged", async () => {
      const item = everyType("every-type")
      await transport.send("PutItem", { TableName: table, Item: item })
      const got = await transport.send("GetItem", {
        TableName: table,
        Key: { pk: item.pk, sk: item.sk },
        ConsistentRead: true,
      })
      expect(got.Item).toEqual(item)
      expect(got.Item.binary.B).toBeInstanceOf(Uint8Array)
      expect(got.Item.binaries.BS[1]).toBeInstanceOf(Uint8Array)
    })

    it("binary survives Query, BatchGetItem, TransactGetItems and ReturnValues", async () => {
      const item = everyType("shapes")
      const key = { pk: item.pk, sk: item.sk }
      await transport.send("PutItem", { TableName: table, Item: item })
      const query = await transport.send("Query", {
        TableName: table,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": item.pk },
      })
      expect(query.Items).toEqual([item])
      const batch = await transport.send("BatchGetItem", {
        RequestItems: { [table]: { Keys: [key] } },
      })
      expect(batch.Responses[table]).toEqual([item])
      const transact = await transport.send("TransactGetItems", {
        TransactItems: [{ Get: { TableName: table, Key: key } }],
      })
      expect(transact.Responses).toEqual([{ Item: item }])
      const updated = await transport.send("UpdateItem", {
        TableName: table,
        Key: key,
        UpdateExpression: "SET #b = :b",
        ExpressionAttributeNames: { "#b": "binary" },
        ExpressionAttributeValues: { ":b": { B: bytes(42) } },
        ReturnValues: "ALL_OLD",
      })
      expect(updated.Attributes.binary.B).toEqual(bytes(0, 1, 2, 127, 128, 254, 255))
    })

    it("a binary partition key finds its item", async () => {
      const key = { B: { B: bytes(0xde, 0xad, 0xbe, 0xef) } }
      await transport.send("PutItem", { TableName: binaryTable, Item: { ...key, v: { S: "v" } } })
      const got = await transport.send("GetItem", { TableName: binaryTable, Key: key })
      expect(got.Item).toEqual({ ...key, v: { S: "v" } })
    })

    it("a binary LastEvaluatedKey can be sent back as ExclusiveStartKey", async () => {
      const table = `edge-binary-pages-${crypto.randomUUID()}`
      await transport.send("CreateTable", {
        TableName: table,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "B" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      })
      const ids = [bytes(1, 2, 3), bytes(250, 251), bytes(0)]
      for (const id of ids)
        await transport.send("PutItem", { TableName: table, Item: { id: { B: id } } })
      const seen: Uint8Array[] = []
      let start: Record<string, any> | undefined
      do {
        const page = await transport.send("Scan", {
          TableName: table,
          Limit: 1,
          ...(start ? { ExclusiveStartKey: start } : {}),
        })
        seen.push(...page.Items.map((item: any) => item.id.B))
        start = page.LastEvaluatedKey
        if (start) expect(start.id.B).toBeInstanceOf(Uint8Array)
      } while (start)
      const sorted = (list: Uint8Array[]) => list.map((id) => id.join(",")).sort()
      expect(sorted(seen)).toEqual(sorted(ids))
    })

    it("a 300 KB binary value round-trips byte for byte", async () => {
      const big = new Uint8Array(300 * 1024)
      for (let i = 0; i < big.length; i++) big[i] = (i * 31 + 7) % 256
      const item = { pk: { S: "big" }, sk: { S: "ITEM" }, data: { B: big } }
      await transport.send("PutItem", { TableName: table, Item: item })
      const got = await transport.send("GetItem", {
        TableName: table,
        Key: { pk: item.pk, sk: item.sk },
      })
      expect(got.Item.data.B).toHaveLength(big.length)
      expect(got.Item.data.B).toEqual(big)
    })

    it("leaves strings named B alone outside attribute values", async () => {
      const described = await transport.send("DescribeTable", { TableName: binaryTable })
      expect(described.Table.AttributeDefinitions).toEqual([
        { AttributeName: "B", AttributeType: "B" },
      ])
      expect(described.Table.KeySchema).toEqual([{ AttributeName: "B", KeyType: "HASH" }])
    })

    it("a failed condition throws ConditionalCheckFailedException with status 400", async () => {
      const item = { pk: { S: "cond" }, sk: { S: "ITEM" } }
      await transport.send("PutItem", { TableName: table, Item: item })
      await expect(
        transport.send("PutItem", {
          TableName: table,
          Item: item,
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ).rejects.toMatchObject({ name: "ConditionalCheckFailedException", statusCode: 400 })
    })

    it("a cancelled transaction carries one reason per item", async () => {
      const taken = { pk: { S: "tx-taken" }, sk: { S: "ITEM" } }
      await transport.send("PutItem", { TableName: table, Item: taken })
      const error = await transport
        .send("TransactWriteItems", {
          TransactItems: [
            { Put: { TableName: table, Item: { pk: { S: "tx-free" }, sk: { S: "ITEM" } } } },
            {
              Put: {
                TableName: table,
                Item: taken,
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
          ],
        })
        .catch((e: unknown) => e)
      expect(error).toMatchObject({
        name: "TransactionCanceledException",
        cancellationReasons: ["None", "ConditionalCheckFailed"],
      })
      expect(error).toMatchObject({ operation: "TransactWriteItems" })
    })

    it("a missing table throws ResourceNotFoundException naming the operation", async () => {
      const error = await transport
        .send("GetItem", { TableName: `missing-${crypto.randomUUID()}`, Key: { pk: { S: "x" } } })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(Error)
      expect(error).toMatchObject({ name: "ResourceNotFoundException", statusCode: 400 })
      expect(error).toMatchObject({ operation: "GetItem" })
    })
  })
}
