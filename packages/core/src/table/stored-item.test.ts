import { describe, expect, it } from "vitest"
import type { DynamoDBBody, DynamoDBOperation, Transport } from "../transport.js"
import { getStoredItem } from "./item.js"

/** A transport that records each request and answers with `reply`. */
function recording(reply: DynamoDBBody) {
  const sent: [DynamoDBOperation, DynamoDBBody][] = []
  const transport: Transport = {
    send: async (operation, input) => {
      sent.push([operation, input])
      return reply
    },
  }
  return { sent, transport }
}

describe("getStoredItem", () => {
  const key = { pk: { S: "USER#1" }, sk: { S: "USER#1" } }

  it("reads consistently and returns the item exactly as stored", async () => {
    // Values unmarshalling would change: a number's text, a set's type, binary.
    const item = {
      ...key,
      n: { N: "1.10" },
      ns: { NS: ["2", "1.0"] },
      b: { B: new Uint8Array([1, 2]) },
    }
    const { sent, transport } = recording({ Item: item })
    expect(await getStoredItem({ transport, names: { tableName: "auth" } }, key)).toBe(item)
    expect(sent).toStrictEqual([["GetItem", { TableName: "auth", Key: key, ConsistentRead: true }]])
  })

  it("gives undefined when there is no item", async () => {
    expect(
      await getStoredItem(
        { transport: recording({}).transport, names: { tableName: "auth" } },
        key,
      ),
    ).toBeUndefined()
  })
})
