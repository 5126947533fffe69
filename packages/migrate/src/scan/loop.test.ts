import type { Transport } from "@dynamoauth/core"
import { describe, expect, it } from "vitest"
import { type LoopOptions, openLoop } from "./loop.js"

// openLoop only validates and prepares: a request from it would be a bug.
const transport: Transport = {
  send: () => Promise.reject(new Error("openLoop sent a request")),
}
const open = (options: Partial<LoopOptions>) =>
  openLoop("run", "migrate.run", { transport, tableName: "source", ...options })

describe("openLoop", () => {
  it("fills in the defaults: 4 segments, all of them, pages of 100, batches of 25", () => {
    const loop = open({})
    expect(loop).toMatchObject({
      totalSegments: 4,
      segments: [0, 1, 2, 3],
      pageSize: 100,
      batchSize: 25,
      concurrency: 4,
    })
    expect(loop.resolved).toMatchObject({ tableName: "source", partitionKey: "pk", sortKey: "sk" })
  })

  it("runs no more workers than this process has segments", () => {
    expect(open({ totalSegments: 8, segments: [5] }).concurrency).toBe(1)
    expect(open({ totalSegments: 8, segments: [1, 2], concurrency: 5 }).concurrency).toBe(5)
  })

  it.each([
    [{ totalSegments: 0 }, "totalSegments must be an integer from 1 to 1000000"],
    [{ totalSegments: 1_000_001 }, "totalSegments must be an integer from 1 to 1000000"],
    [{ totalSegments: 4, segments: [4] }, "segment 4 is not in 0…3"],
    [{ segments: [1.5] }, "segment 1.5 is not in 0…3"],
    [{ pageSize: 0 }, "pageSize must be a positive integer"],
    [{ batchSize: 2.5 }, "batchSize must be a positive integer"],
    [{ concurrency: -1 }, "concurrency must be a positive integer"],
    [{ targetTable: "source" }, "targetTable is the source table"],
    [{ targetTable: "x" }, "tableName"],
  ])("refuses %o with a usage error", (options, message) => {
    expect(() => open(options)).toThrow(
      expect.objectContaining({
        code: "INVALID_OPTION",
        message: expect.stringContaining(message),
      }),
    )
  })
})
