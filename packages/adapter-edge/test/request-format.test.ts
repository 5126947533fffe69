/**
 * What goes on the wire: DynamoDB's JSON protocol, signed for service
 * `dynamodb` in the configured region (also on custom endpoints, where
 * aws4fetch cannot guess them), and the option checks.
 */
import { isDynamoAuthError } from "@dynamoauth/core"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { AwsClient } from "aws4fetch"
import { describe, expect, it } from "vitest"
import { createFetchTransport } from "../src/transport.js"
import { localConfig } from "./suites/local-config.js"

/** Sends through the real fetch to DynamoDB Local, keeping a copy of each request. */
function recordingFetch() {
  const requests: Request[] = []
  const recorded = (request: Request, init?: RequestInit) => {
    requests.push(request.clone())
    return fetch(request, init)
  }
  return { requests, fetch: recorded }
}

describe("requests", () => {
  it("are signed POSTs of DynamoDB JSON for service dynamodb in the configured region", async () => {
    const recorder = recordingFetch()
    const transport = createFetchTransport(
      localConfig(dynamodbEndpoint(), {
        fetch: recorder.fetch,
        credentials: { accessKeyId: "test", secretAccessKey: "s", sessionToken: "session-abc" },
      }),
    )
    const tables = await transport
      .send("DescribeTable", { TableName: "no-such-table" })
      .catch((e) => e)
    expect(tables).toMatchObject({ name: "ResourceNotFoundException" })
    expect(recorder.requests).toHaveLength(1)
    const [request] = recorder.requests
    expect(request!.method).toBe("POST")
    expect(request!.url).toBe(`${dynamodbEndpoint()}/`)
    expect(request!.headers.get("x-amz-target")).toBe("DynamoDB_20120810.DescribeTable")
    expect(request!.headers.get("content-type")).toBe("application/x-amz-json-1.0")
    expect(request!.headers.get("x-amz-security-token")).toBe("session-abc")
    expect(request!.headers.get("authorization")).toMatch(
      /^AWS4-HMAC-SHA256 Credential=test\/\d{8}\/us-east-1\/dynamodb\/aws4_request, SignedHeaders=/,
    )
    expect(await request!.text()).toBe('{"TableName":"no-such-table"}')
  })

  it("go to https://dynamodb.<region>.amazonaws.com by default", async () => {
    const urls: string[] = []
    const transport = createFetchTransport({
      region: "eu-west-3",
      credentials: { accessKeyId: "a", secretAccessKey: "s" },
      fetch: async (request) => {
        urls.push(request.url)
        return new Response("{}", { status: 200 })
      },
    })
    await transport.send("GetItem", {})
    expect(urls).toEqual(["https://dynamodb.eu-west-3.amazonaws.com/"])
  })

  it("can be signed by an existing AwsClient, whose own retries never run", async () => {
    let calls = 0
    const client = new AwsClient({ accessKeyId: "test", secretAccessKey: "s", retries: 10 })
    const transport = createFetchTransport({
      region: "us-east-1",
      endpoint: dynamodbEndpoint(),
      client,
      maxAttempts: 2,
      baseDelayMs: 1,
      fetch: async () => {
        calls++
        return new Response("oops", { status: 500 })
      },
    })
    await expect(transport.send("GetItem", {})).rejects.toMatchObject({
      name: "InternalServerError",
      statusCode: 500,
    })
    expect(calls).toBe(2)
  })
})

describe("options", () => {
  it.each([
    [{ credentials: { accessKeyId: "a", secretAccessKey: "s" } }, "`region` is required"],
    [{ region: "us-east-1" }, "give `credentials` or `client`"],
    [
      { region: "r", credentials: { accessKeyId: "a", secretAccessKey: "s" }, maxAttempts: 0 },
      "`maxAttempts`",
    ],
    [
      { region: "r", credentials: { accessKeyId: "a", secretAccessKey: "s" }, timeoutMs: -1 },
      "`timeoutMs`",
    ],
    [
      {
        region: "r",
        credentials: { accessKeyId: "a", secretAccessKey: "s" },
        endpoint: "localhost:8000",
      },
      "`endpoint`",
    ],
  ])("%o is refused", (config, message) => {
    let thrown: unknown
    try {
      createFetchTransport(config as any)
    } catch (error) {
      thrown = error
    }
    expect(isDynamoAuthError(thrown)).toBe(true)
    expect(thrown).toMatchObject({ code: "INVALID_OPTION", operation: "createFetchTransport" })
    expect((thrown as Error).message).toContain(message)
  })
})
