import { describe, expect, it } from "vitest"
import { rawRequest } from "../raw-request.js"
import { dynamodbEndpoint } from "./context.js"

describe("vitest global setup", () => {
  it("provides the endpoint of a running DynamoDB Local on loopback", async () => {
    const endpoint = dynamodbEndpoint()
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const tables = await rawRequest(endpoint, "ListTables", {})
    expect(Array.isArray(tables.TableNames)).toBe(true)
  })
})
