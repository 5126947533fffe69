import { describe, expect, it } from "vitest"
import { isDynamoAuthError } from "./errors.js"
import { DEFAULT_OPTIONS, resolveAdapterOptions, resolveTableOptions } from "./options.js"

describe("resolveTableOptions", () => {
  it("has the official adapter's defaults", () => {
    expect(resolveTableOptions()).toStrictEqual({
      tableName: "next-auth",
      partitionKey: "pk",
      sortKey: "sk",
      indexName: "GSI1",
      indexPartitionKey: "GSI1PK",
      indexSortKey: "GSI1SK",
    })
    expect(resolveTableOptions({})).toStrictEqual(DEFAULT_OPTIONS)
  })

  it.each([
    [{ tableName: "" }, "tableName"],
    [{ tableName: "a b" }, "tableName"],
    [{ indexName: "x" }, "indexName"],
    [{ partitionKey: 5 }, "partitionKey"],
    [{ sortKey: "pk" }, "sortKey"],
    [{ indexPartitionKey: "pk" }, "indexPartitionKey"],
    [{ partitionKey: "id" }, "partitionKey"],
    [{ indexSortKey: "expires" }, "indexSortKey"],
    [{ partitionKey: "name" }, "partitionKey"],
    [{ sortKey: "counter" }, "sortKey"],
    [{ indexPartitionKey: "access_token" }, "indexPartitionKey"],
  ])("rejects %j naming %s", (options, name) => {
    let caught: unknown
    try {
      resolveTableOptions(options as never)
    } catch (error) {
      caught = error
    }
    expect(isDynamoAuthError(caught)).toBe(true)
    expect((caught as { code: string }).code).toBe("INVALID_OPTION")
    expect((caught as Error).message).toContain(`option ${name}`)
  })

  it("validates sessionCacheSize", () => {
    expect(resolveAdapterOptions({ sessionCacheSize: 0 }).sessionCacheSize).toBe(0)
    expect(() => resolveAdapterOptions({ sessionCacheSize: -1 })).toThrow(/sessionCacheSize/)
    expect(() => resolveAdapterOptions({ sessionCacheSize: 1.5 })).toThrow(/sessionCacheSize/)
  })
})
