import { describe, expect, it } from "vitest"
import {
  base64ToBytes,
  bytesToBase64,
  parseResponse,
  stringifyRequest,
} from "../src/base64-json.js"

const bytes = (...values: number[]) => new Uint8Array(values)

describe("base64", () => {
  it.each([
    [bytes(), ""],
    [bytes(0), "AA=="],
    [bytes(0xff, 0xfe), "//4="],
    [bytes(0xde, 0xad, 0xbe, 0xef), "3q2+7w=="],
    [new TextEncoder().encode("hello"), "aGVsbG8="],
  ])("%o ⇄ %s", (raw, encoded) => {
    expect(bytesToBase64(raw)).toBe(encoded)
    expect(base64ToBytes(encoded)).toEqual(raw)
  })

  it("encodes arrays longer than one conversion chunk", () => {
    const big = new Uint8Array(100_000).map((_, i) => i % 251)
    expect(base64ToBytes(bytesToBase64(big))).toEqual(big)
  })
})

describe("request bodies", () => {
  it("writes Uint8Array values as base64 strings, wherever they are", () => {
    const body = {
      Item: {
        b: { B: bytes(1, 2) },
        bs: { BS: [bytes(3), bytes()] },
        m: { M: { n: { B: bytes(255) } } },
        s: { S: "AQI=" },
      },
    }
    expect(stringifyRequest(body)).toBe(
      '{"Item":{"b":{"B":"AQI="},"bs":{"BS":["Aw==",""]},"m":{"M":{"n":{"B":"/w=="}}},"s":{"S":"AQI="}}}',
    )
  })

  it("finds bytes deep in lists and transactions, and leaves bodies without bytes as they are", () => {
    const deep = { TransactItems: [{ Put: { Item: { l: { L: [{ N: "1" }, { B: bytes(7) }] } } } }] }
    expect(stringifyRequest(deep)).toBe(
      '{"TransactItems":[{"Put":{"Item":{"l":{"L":[{"N":"1"},{"B":"Bw=="}]}}}}]}',
    )
    const plain = { Key: { pk: { S: "USER#1" } }, Limit: 2, ConsistentRead: true, X: null }
    expect(stringifyRequest(plain)).toBe(JSON.stringify(plain))
  })
})

describe("response bodies", () => {
  it("revives B and BS attribute values, and nothing else", () => {
    const parsed = parseResponse(
      JSON.stringify({
        Item: {
          b: { B: "AQI=" },
          bs: { BS: ["Aw==", ""] },
          s: { S: "AQI=" },
          B: { S: "an attribute named B" },
          l: { L: [{ B: "/w==" }] },
        },
        Table: { AttributeDefinitions: [{ AttributeName: "B", AttributeType: "B" }] },
      }),
    )
    expect(parsed).toEqual({
      Item: {
        b: { B: bytes(1, 2) },
        bs: { BS: [bytes(3), bytes()] },
        s: { S: "AQI=" },
        B: { S: "an attribute named B" },
        l: { L: [{ B: bytes(255) }] },
      },
      Table: { AttributeDefinitions: [{ AttributeName: "B", AttributeType: "B" }] },
    })
  })

  it("parses bodies without a B or BS key as plain JSON, however B appears in strings", () => {
    const text = JSON.stringify({ Item: { s: { S: 'B "B": "BS"' }, n: { N: "1" } } })
    expect(parseResponse(text)).toEqual({ Item: { s: { S: 'B "B": "BS"' }, n: { N: "1" } } })
  })

  it("reads an empty body as an empty object", () => {
    expect(parseResponse("")).toEqual({})
  })
})
