import { describe, expect, it } from "vitest"
import { DEFAULT_OPTIONS } from "../options.js"
import { expressionFields } from "./expressions.js"

const names = { ...DEFAULT_OPTIONS, partitionKey: "PK", sortKey: "sort key" }

describe("expressionFields", () => {
  it("gives each expression its own placeholders, so the same #x and :x in two expressions keep their meanings", () => {
    // Better Auth's incrementOne: the update declares #u0, the condition uses #u0 for another attribute.
    const input = expressionFields(names, {
      UpdateExpression: {
        expression: "SET #u0 = :u0",
        names: { "#u0": "failedVerificationCount" },
        values: { ":u0": 1 },
      },
      ConditionExpression: {
        expression: "attribute_exists(#pk) AND #u0 = :u0",
        values: { ":u0": "x" },
      },
    })
    expect(input).toEqual({
      UpdateExpression: "SET #u_u0 = :u_u0",
      ConditionExpression: "attribute_exists(#c_pk) AND #c_u0 = :c_u0",
      ExpressionAttributeNames: {
        "#u_u0": "failedVerificationCount",
        "#c_pk": "PK",
        "#c_u0": "u0",
      },
      ExpressionAttributeValues: { ":u_u0": { N: "1" }, ":c_u0": { S: "x" } },
    })
  })

  it("maps #pk #sk #gpk #gsk to the configured key attributes unless the expression names them", () => {
    const input = expressionFields(names, {
      KeyConditionExpression: { expression: "#gpk = :p AND #gsk = :s AND #sk = :s" },
      FilterExpression: { expression: "#pk <> :p", names: { "#pk": "other" } },
    })
    expect(input.KeyConditionExpression).toBe("#k_gpk = :k_p AND #k_gsk = :k_s AND #k_sk = :k_s")
    expect(input.FilterExpression).toBe("#f_pk <> :f_p")
    expect(input.ExpressionAttributeNames).toEqual({
      "#k_gpk": "GSI1PK",
      "#k_gsk": "GSI1SK",
      "#k_sk": "sort key",
      "#f_pk": "other",
    })
  })

  it("sends only the values an expression uses, and no names or values when none are used", () => {
    expect(
      expressionFields(names, {
        ConditionExpression: { expression: "#a = :a", values: { ":a": 1, ":unused": 2 } },
      }).ExpressionAttributeValues,
    ).toEqual({ ":c_a": { N: "1" } })
    expect(expressionFields(names, { ConditionExpression: undefined })).toEqual({})
    expect(
      expressionFields(names, { ConditionExpression: { expression: "attribute_exists(id)" } }),
    ).toEqual({ ConditionExpression: "attribute_exists(id)" })
  })

  it("never takes a name from Object.prototype", () => {
    const input = expressionFields(names, {
      ConditionExpression: { expression: "#constructor = :toString", values: {} },
    })
    expect(input.ExpressionAttributeNames).toEqual({ "#c_constructor": "constructor" })
    expect(input.ExpressionAttributeValues).toBeUndefined()
  })
})
