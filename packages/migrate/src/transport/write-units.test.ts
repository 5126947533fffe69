import { describe, expect, it } from "vitest"
import { consumedWriteUnits, estimatedWriteUnits } from "./write-units.js"

const key = { pk: { S: "USER#u" }, sk: { S: "USER#u" } }
// 2,000 bytes of value: two write units as a put.
const big = { ...key, note: { S: "x".repeat(2000) } }

describe("estimatedWriteUnits", () => {
  it("a put costs its item's size in KB, at least one unit", () => {
    expect(estimatedWriteUnits("PutItem", { TableName: "t", Item: key })).toBe(1)
    expect(estimatedWriteUnits("PutItem", { TableName: "t", Item: big })).toBe(2)
  })

  it("an update costs at least its key and the values it carries", () => {
    const values = { ":v0": { S: "y".repeat(3000) }, ":v1": { S: "old" } }
    expect(estimatedWriteUnits("UpdateItem", { Key: key })).toBe(1)
    expect(estimatedWriteUnits("UpdateItem", { Key: key, ExpressionAttributeValues: values })).toBe(
      3,
    )
  })

  it("a transaction costs twice each of its actions", () => {
    const TransactItems = [
      { ConditionCheck: { TableName: "a", Key: key } },
      { Put: { TableName: "b", Item: big } },
    ]
    expect(estimatedWriteUnits("TransactWriteItems", { TransactItems })).toBe(2 * 1 + 2 * 2)
  })

  it("a batch costs each of its puts and deletes", () => {
    const RequestItems = {
      t: [{ PutRequest: { Item: big } }, { DeleteRequest: { Key: key } }],
    }
    expect(estimatedWriteUnits("BatchWriteItem", { RequestItems })).toBe(3)
  })

  it("reads cost no write units", () => {
    expect(estimatedWriteUnits("Scan", { TableName: "t" })).toBe(0)
    expect(estimatedWriteUnits("GetItem", { TableName: "t", Key: key })).toBe(0)
  })
})

describe("consumedWriteUnits", () => {
  it("reads what DynamoDB reported, for one table or several", () => {
    expect(consumedWriteUnits("PutItem", { ConsumedCapacity: { CapacityUnits: 3 } })).toBe(3)
    expect(
      consumedWriteUnits("TransactWriteItems", {
        ConsumedCapacity: [
          { TableName: "a", CapacityUnits: 2, WriteCapacityUnits: 2 },
          { TableName: "b", CapacityUnits: 4, WriteCapacityUnits: 4 },
        ],
      }),
    ).toBe(6)
    expect(consumedWriteUnits("PutItem", {})).toBe(0)
  })
})
