/** The requests the table functions send, built without sending: plain DynamoDB JSON. */
import { describe, expect, it } from "vitest"
import { classifyFailure } from "../error-classify.js"
import { isDynamoAuthError } from "../errors.js"
import { DEFAULT_OPTIONS } from "../options.js"
import { writeRequests } from "./batch.js"
import { inChunks } from "./chunks.js"
import { deleteInput, getInput, putInput, updateInput } from "./item.js"
import { queryInput } from "./query.js"
import { scanInput } from "./scan.js"
import { transactInput } from "./transact.js"

const names = DEFAULT_OPTIONS
const key = { pk: "USER#1", sk: "USER#1" }
const marshalledKey = { pk: { S: "USER#1" }, sk: { S: "USER#1" } }

describe("single-item requests", () => {
  it("get is strongly consistent", () => {
    expect(getInput(names, key)).toEqual({
      TableName: "next-auth",
      Key: marshalledKey,
      ConsistentRead: true,
    })
  })

  it("put carries its condition; update returns ALL_NEW, delete ALL_OLD", () => {
    expect(putInput(names, { ...key, n: 1 }, { expression: "attribute_not_exists(#pk)" })).toEqual({
      TableName: "next-auth",
      Item: { ...marshalledKey, n: { N: "1" } },
      ConditionExpression: "attribute_not_exists(#c_pk)",
      ExpressionAttributeNames: { "#c_pk": "pk" },
    })
    expect(putInput(names, key)).not.toHaveProperty("ConditionExpression")
    expect(updateInput(names, key, { expression: "SET #n = :n", values: { ":n": 2 } })).toEqual({
      TableName: "next-auth",
      Key: marshalledKey,
      ReturnValues: "ALL_NEW",
      UpdateExpression: "SET #u_n = :u_n",
      ExpressionAttributeNames: { "#u_n": "n" },
      ExpressionAttributeValues: { ":u_n": { N: "2" } },
    })
    expect(deleteInput(names, key)).toEqual({
      TableName: "next-auth",
      Key: marshalledKey,
      ReturnValues: "ALL_OLD",
    })
  })

  it("an update and its condition using the same placeholders write the update's attribute", () => {
    const input = updateInput(
      names,
      key,
      { expression: "SET #u0 = :u0", names: { "#u0": "count" }, values: { ":u0": 1 } },
      { expression: "attribute_not_exists(#u0) OR #u0 = :u0", values: { ":u0": null } },
    )
    expect(input.UpdateExpression).toBe("SET #u_u0 = :u_u0")
    expect(input.ExpressionAttributeNames["#u_u0"]).toBe("count")
    expect(input.ExpressionAttributeValues).toEqual({
      ":u_u0": { N: "1" },
      ":c_u0": { NULL: true },
    })
  })
})

describe("query and scan requests", () => {
  it("a table query is consistent; an index query names the index and is not", () => {
    const condition = { expression: "#pk = :p", values: { ":p": "USER#1" } }
    expect(queryInput(names, { condition })).toEqual({
      TableName: "next-auth",
      ConsistentRead: true,
      KeyConditionExpression: "#k_pk = :k_p",
      ExpressionAttributeNames: { "#k_pk": "pk" },
      ExpressionAttributeValues: { ":k_p": { S: "USER#1" } },
    })
    const page = queryInput(names, {
      condition,
      index: "GSI1",
      startKey: marshalledKey,
      limit: 10,
      ascending: false,
      filter: { expression: "#type = :p", values: { ":p": "USER" } },
    })
    expect(page).toMatchObject({
      IndexName: "GSI1",
      ExclusiveStartKey: marshalledKey,
      Limit: 10,
      ScanIndexForward: false,
      FilterExpression: "#f_type = :f_p",
    })
    expect(page).not.toHaveProperty("ConsistentRead")
    expect(page.ExpressionAttributeValues).toEqual({
      ":k_p": { S: "USER#1" },
      ":f_p": { S: "USER" },
    })
  })

  it("a scan names its segment, start, limit and filter only when given", () => {
    expect(scanInput(names)).toEqual({ TableName: "next-auth" })
    expect(
      scanInput(names, {
        segment: 2,
        totalSegments: 4,
        startKey: marshalledKey,
        limit: 100,
        consistent: true,
        filter: { expression: "begins_with(#pk, :p)", values: { ":p": "USER#" } },
      }),
    ).toEqual({
      TableName: "next-auth",
      Segment: 2,
      TotalSegments: 4,
      ExclusiveStartKey: marshalledKey,
      Limit: 100,
      ConsistentRead: true,
      FilterExpression: "begins_with(#f_pk, :f_p)",
      ExpressionAttributeNames: { "#f_pk": "pk" },
      ExpressionAttributeValues: { ":f_p": { S: "USER#" } },
    })
  })
})

describe("batch and transaction requests", () => {
  it("a batch write holds every put and every delete", () => {
    expect(writeRequests({ puts: [{ ...key, a: "x" }], deletes: [key] })).toEqual([
      { PutRequest: { Item: { ...marshalledKey, a: { S: "x" } } } },
      { DeleteRequest: { Key: marshalledKey } },
    ])
  })

  it("a transaction: one action per item, each expression in its own namespace, and the token", () => {
    const input = transactInput(
      names,
      [
        { put: key, condition: { expression: "attribute_not_exists(#pk)" } },
        { delete: key },
        {
          update: key,
          set: { expression: "SET #a = :a", values: { ":a": 1 } },
          condition: { expression: "#a = :a", values: { ":a": 0 } },
        },
        { check: key, condition: { expression: "attribute_exists(#pk)" } },
      ],
      "token-1",
    )
    expect(input).toEqual({
      ClientRequestToken: "token-1",
      TransactItems: [
        {
          Put: {
            TableName: "next-auth",
            Item: marshalledKey,
            ConditionExpression: "attribute_not_exists(#c_pk)",
            ExpressionAttributeNames: { "#c_pk": "pk" },
          },
        },
        { Delete: { TableName: "next-auth", Key: marshalledKey } },
        {
          Update: {
            TableName: "next-auth",
            Key: marshalledKey,
            UpdateExpression: "SET #u_a = :u_a",
            ConditionExpression: "#c_a = :c_a",
            ExpressionAttributeNames: { "#u_a": "a", "#c_a": "a" },
            ExpressionAttributeValues: { ":u_a": { N: "1" }, ":c_a": { N: "0" } },
          },
        },
        {
          ConditionCheck: {
            TableName: "next-auth",
            Key: marshalledKey,
            ConditionExpression: "attribute_exists(#c_pk)",
            ExpressionAttributeNames: { "#c_pk": "pk" },
          },
        },
      ],
    })
  })

  it("more than 100 actions is INVALID_INPUT, before anything is sent", () => {
    const items = Array.from({ length: 101 }, () => ({ delete: key }))
    expect(() => transactInput(names, items, "t")).toThrow(/at most 100/)
    try {
      transactInput(names, items, "t")
    } catch (error) {
      expect(isDynamoAuthError(error) && error.code).toBe("INVALID_INPUT")
    }
    expect(transactInput(names, items.slice(1), "t").TransactItems).toHaveLength(100)
  })
})

describe("inChunks", () => {
  it("sends every item in chunks and re-sends what comes back unprocessed", async () => {
    const sent: number[][] = []
    await inChunks([1, 2, 3, 4, 5], 2, "BatchWriteItem", async (chunk) => {
      sent.push(chunk)
      // The first request leaves its last item unprocessed.
      return sent.length === 1 ? chunk.slice(1) : undefined
    })
    expect(sent).toEqual([[1, 2], [2], [3, 4], [5]])
  })

  it("items left unprocessed after every round: its own error, classified THROTTLED", async () => {
    let rounds = 0
    const error = await inChunks([1, 2], 25, "BatchWriteItem", async (chunk) => {
      rounds++
      return chunk
    }).catch((e: unknown) => e)
    expect(rounds).toBe(9)
    expect(error).toMatchObject({ name: "UnprocessedItemsError", operation: "BatchWriteItem" })
    expect((error as Error).message).toMatch(/2 items still unprocessed/)
    expect(classifyFailure(error)).toMatchObject({ code: "THROTTLED", retryable: true })
  }, 20_000)
})
