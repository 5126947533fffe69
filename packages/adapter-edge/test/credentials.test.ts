/**
 * No credential in any error: a hostile or misconfigured endpoint echoes the
 * signed headers back (as AWS's InvalidSignatureException does with the
 * canonical request), and the errors must still not carry them. DynamoDB
 * Local checks no signatures, so a loopback echo server plays that endpoint.
 */
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { isDynamoAuthError } from "@dynamoauth/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DynamoDBAdapter } from "../src/index.js"
import { createFetchTransport } from "../src/transport.js"

const credentials = {
  accessKeyId: "AKIAECHOTESTKEY12345",
  secretAccessKey: "echo-test-secret-Zk3mQ9vXr7LpB2wN",
  sessionToken: "echo-test-session-token-Fq8TnW4yHs1Dv6Mc",
}
const secrets = Object.values(credentials)

let server: Server
let endpoint: string

beforeAll(async () => {
  server = createServer((request, response) => {
    const echo = JSON.stringify(request.headers)
    if (request.url === "/reset") return request.socket.destroy()
    if (request.url === "/html") {
      response.writeHead(502, { "content-type": "text/html" })
      return response.end(`<html>${echo}</html>`)
    }
    response.writeHead(400, { "content-type": "application/x-amz-json-1.0" })
    response.end(
      JSON.stringify({
        __type: "com.amazon.coral.service#InvalidSignatureException",
        message: `Signature mismatch for ${request.headers.authorization} ${credentials.secretAccessKey}. The Canonical String for this request should have been 'POST\n/\n${echo}'`,
      }),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

/** Everything an error exposes: message, stack, own fields, and the cause chain. */
function exposed(error: unknown): string {
  const parts: string[] = []
  for (let e: any = error; e; e = e.cause) {
    parts.push(String(e.message), String(e.stack), JSON.stringify(e), String(e))
  }
  return parts.join("\n")
}

const fast = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 }

describe("errors never carry credentials", () => {
  it.each([
    ["a signature error that echoes the request", "/"],
    ["an HTML error page that echoes the headers", "/html"],
    ["a connection reset", "/reset"],
  ])("%s", async (_, path) => {
    const transport = createFetchTransport({
      region: "us-east-1",
      endpoint: endpoint + path,
      credentials,
      ...fast,
    })
    const error = await transport
      .send("GetItem", { TableName: "t", Key: { pk: { S: "x" } } })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toContain("GetItem")
    for (const secret of secrets) expect(exposed(error)).not.toContain(secret)
  })

  it("the signature error keeps its type and DynamoDB's sentence", async () => {
    const transport = createFetchTransport({ region: "us-east-1", endpoint, credentials, ...fast })
    const error = await transport.send("GetItem", {}).catch((e: unknown) => e)
    expect(error).toMatchObject({ name: "InvalidSignatureException", statusCode: 400 })
    expect((error as Error).message).toContain("Signature mismatch for")
    expect((error as Error).message).toContain("[redacted]")
  })

  it("through the adapter too (a DynamoAuthError with the transport error as cause)", async () => {
    const adapter = DynamoDBAdapter({ region: "us-east-1", endpoint, credentials, ...fast })
    const error = await Promise.resolve(adapter.getUser!("someone")).catch((e: unknown) => e)
    expect(isDynamoAuthError(error)).toBe(true)
    expect(error).toMatchObject({ operation: "getUser", awsErrorName: "InvalidSignatureException" })
    for (const secret of secrets) expect(exposed(error)).not.toContain(secret)
  })
})
