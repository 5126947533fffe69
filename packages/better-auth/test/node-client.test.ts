/**
 * `@dynamoauth/better-auth/node`: the adapter built from an AWS SDK client
 * (through adapter-node's transport), and clear errors for wrong options.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { describe, expect, it } from "vitest"
import { dynamoAuthBetterAuth } from "../src/node.js"
import { freshTable, TRANSPORTS } from "./transports.js"

const endpoint = dynamodbEndpoint()
const client = new DynamoDBClient({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "test", secretAccessKey: "test-secret-key" },
})

describe("dynamoAuthBetterAuth({ client })", () => {
  it("stores and finds records through the AWS SDK client", async () => {
    const table = await freshTable(TRANSPORTS[0]![1](endpoint))
    const adapter = dynamoAuthBetterAuth({ client, ...table, scan: "refuse" })({})
    const user = await adapter.create<Record<string, unknown>, { id: string }>({
      model: "user",
      data: { name: "Ada", email: "ada@example.com", emailVerified: false },
    })
    expect(
      await adapter.findOne({
        model: "user",
        where: [{ field: "email", value: "ada@example.com" }],
      }),
    ).toMatchObject({ id: user.id, name: "Ada" })
  })

  it("refuses a client without send, and a client together with a transport", () => {
    expect(() => dynamoAuthBetterAuth({ client: {} as DynamoDBClient })).toThrow(
      /client must be an AWS SDK v3 DynamoDBClient/,
    )
    expect(() =>
      dynamoAuthBetterAuth({
        client,
        transport: TRANSPORTS[0]![1](endpoint),
      } as unknown as Parameters<typeof dynamoAuthBetterAuth>[0]),
    ).toThrow(/either client or transport/)
    expect(() => dynamoAuthBetterAuth({} as Parameters<typeof dynamoAuthBetterAuth>[0])).toThrow(
      /option transport must be/,
    )
  })
})
