import { describe, expect, it } from "vitest"
import { type RequestEvent, withRequestEvents } from "./request-events.js"
import type { DynamoDBBody, Transport } from "./transport.js"
import { transportError } from "./transport.js"

/** A transport answering `reply`, recording each input it was sent. */
function answering(reply: (input: DynamoDBBody) => DynamoDBBody) {
  const inputs: DynamoDBBody[] = []
  const transport: Transport = {
    send: async (_operation, input) => {
      inputs.push(input)
      return reply(input)
    },
  }
  return { transport, inputs }
}

describe("withRequestEvents", () => {
  it("returns the transport itself when there is no hook: nothing changes on the wire", () => {
    const { transport } = answering(() => ({}))
    expect(withRequestEvents(transport, "t", undefined, "X")).toBe(transport)
  })

  it("asks for TOTAL capacity on operations that consume some, and keeps a caller's choice", async () => {
    const { transport, inputs } = answering(() => ({}))
    const observed = withRequestEvents(transport, "t", () => {}, "X")
    await observed.send("GetItem", { TableName: "t" })
    await observed.send("BatchWriteItem", { RequestItems: {} })
    await observed.send("Query", { TableName: "t", ReturnConsumedCapacity: "INDEXES" })
    await observed.send("DescribeTable", { TableName: "t" })
    expect(inputs.map((i) => i.ReturnConsumedCapacity)).toEqual([
      "TOTAL",
      "TOTAL",
      "INDEXES",
      undefined,
    ])
  })

  it("adds up capacity: one object, one per table, read and write units given apart", async () => {
    const events: RequestEvent[] = []
    const replies: Record<string, DynamoDBBody> = {
      GetItem: { ConsumedCapacity: { TableName: "t", CapacityUnits: 0.5 } },
      TransactWriteItems: {
        ConsumedCapacity: [
          { TableName: "t", CapacityUnits: 4 },
          { TableName: "u", CapacityUnits: 2 },
        ],
      },
      UpdateItem: {
        ConsumedCapacity: { CapacityUnits: 3, ReadCapacityUnits: 1, WriteCapacityUnits: 2 },
      },
      Scan: {},
    }
    const transport: Transport = { send: async (operation) => replies[operation]! }
    const observed = withRequestEvents(transport, "t", (e) => events.push(e), "X")
    for (const operation of ["GetItem", "TransactWriteItems", "UpdateItem", "Scan"] as const) {
      await observed.send(operation, {})
    }
    expect(events.map((e) => e.consumedCapacity)).toEqual([
      { readUnits: 0.5, writeUnits: 0 },
      { readUnits: 0, writeUnits: 6 },
      { readUnits: 1, writeUnits: 2 },
      undefined,
    ])
    expect(events.every((e) => e.attempts === 1 && e.throttled === 0 && e.table === "t")).toBe(true)
  })

  it("counts the attempts a transport reports, and reports a failure's code", async () => {
    const events: RequestEvent[] = []
    const transport: Transport = {
      async send(_operation, _input, options) {
        options?.onAttempt?.({ throttled: true })
        options?.onAttempt?.({ throttled: true })
        options?.onAttempt?.({ throttled: false })
        throw transportError("ConditionalCheckFailedException", "The conditional request failed")
      },
    }
    const observed = withRequestEvents(transport, "t", (e) => events.push(e), "X")
    await expect(observed.send("PutItem", {})).rejects.toThrow("conditional request failed")
    expect(events).toEqual([
      expect.objectContaining({
        operation: "PutItem",
        attempts: 3,
        throttled: 2,
        error: "DYNAMODB_ERROR",
      }),
    ])
    expect(events[0]!.consumedCapacity).toBeUndefined()
  })

  it("refuses a hook that is not a function, naming the entry point", () => {
    const { transport } = answering(() => ({}))
    expect(() => withRequestEvents(transport, "t", 42 as never, "dynamoAuthBetterAuth")).toThrow(
      expect.objectContaining({ code: "INVALID_OPTION", operation: "dynamoAuthBetterAuth" }),
    )
  })
})
