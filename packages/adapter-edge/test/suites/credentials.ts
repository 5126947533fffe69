/**
 * No credential in any error: a hostile or misconfigured endpoint echoes the
 * signed headers back (as AWS's InvalidSignatureException does with the
 * canonical request), and the errors must still not carry them. DynamoDB
 * Local checks no signatures, so a loopback echo server (echo-server.ts)
 * plays that endpoint. Web APIs only: runs on Node's fetch and in workerd.
 */
import { isDynamoAuthError } from "@dynamoauth/core"
import { describe, expect, it } from "vitest"
import { DynamoDBAdapter } from "../../src/index.js"
import { createFetchTransport } from "../../src/transport.js"

/** What the echo server signs with and echoes; fake values, never real keys. */
export const ECHO_CREDENTIALS = {
  accessKeyId: "AKIAECHOTESTKEY12345",
  secretAccessKey: "echo-test-secret-Zk3mQ9vXr7LpB2wN",
  sessionToken: "echo-test-session-token-Fq8TnW4yHs1Dv6Mc",
}

export function defineCredentialSuite(label: string, echoEndpoint: () => string): void {
  const credentials = ECHO_CREDENTIALS
  const secrets = Object.values(credentials)

  /** Everything an error exposes: message, stack, own fields, and the cause chain. */
  function exposed(error: unknown): string {
    const parts: string[] = []
    for (let e: any = error; e; e = e.cause) {
      parts.push(String(e.message), String(e.stack), JSON.stringify(e), String(e))
    }
    return parts.join("\n")
  }

  const fast = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 }

  describe(`${label}: errors never carry credentials`, () => {
    it.each([
      ["a signature error that echoes the request", "/", "InvalidSignatureException"],
      ["an HTML error page that echoes the headers", "/html", "InternalServerError"],
      ["a connection reset", "/reset", "NetworkError"],
    ])("%s", async (_, path, name) => {
      const transport = createFetchTransport({
        region: "us-east-1",
        endpoint: echoEndpoint() + path,
        credentials,
        ...fast,
      })
      const error = await transport
        .send("GetItem", { TableName: "t", Key: { pk: { S: "x" } } })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(Error)
      // Named by what happened (the message is DynamoDB's or the network's own, as on Node).
      expect(error).toMatchObject({ name, operation: "GetItem" })
      for (const secret of secrets) expect(exposed(error)).not.toContain(secret)
    })

    it("the signature error keeps its type and DynamoDB's sentence", async () => {
      const transport = createFetchTransport({
        region: "us-east-1",
        endpoint: echoEndpoint(),
        credentials,
        ...fast,
      })
      const error = await transport.send("GetItem", {}).catch((e: unknown) => e)
      expect(error).toMatchObject({ name: "InvalidSignatureException", statusCode: 400 })
      expect((error as Error).message).toContain("Signature mismatch for")
      expect((error as Error).message).toContain("[redacted]")
    })

    it("through the adapter too (a DynamoAuthError with the transport error as cause)", async () => {
      const adapter = DynamoDBAdapter({
        region: "us-east-1",
        endpoint: echoEndpoint(),
        credentials,
        ...fast,
      })
      const error = await Promise.resolve(adapter.getUser("someone")).catch((e: unknown) => e)
      expect(isDynamoAuthError(error)).toBe(true)
      expect(error).toMatchObject({
        operation: "getUser",
        awsErrorName: "InvalidSignatureException",
      })
      for (const secret of secrets) expect(exposed(error)).not.toContain(secret)
    })
  })
}
