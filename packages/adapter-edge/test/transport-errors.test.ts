/**
 * The same failure reads the same on both transports: the same faults go
 * through adapter-node (AWS SDK) and adapter-edge (fetch) and the adapters'
 * errors are compared — code, DynamoDB's error name, message shape, and for
 * DynamoDB's own answers the exact message. A fake DynamoDB endpoint that
 * answers InvalidSignatureException repeating the signed headers (the session
 * token among them), as AWS does, checks that no credential reaches any part
 * of either error.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { DynamoDBAdapter as NodeAdapter } from "@dynamoauth/adapter-node"
import { createTableInput, type DynamoAuthError, isDynamoAuthError } from "@dynamoauth/core"
import { type FaultOptions, startFaultProxy } from "@dynamoauth/testing/fault-proxy"
import { LOCAL_ACCESS_KEY_ID, LOCAL_REGION } from "@dynamoauth/testing/raw-request"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { DynamoDBAdapter as EdgeAdapter, type EdgeCredentials } from "../src/index.js"
import { createFetchTransport } from "../src/transport.js"
import { startEchoServer } from "./echo-server.js"
import { ECHO_CREDENTIALS } from "./suites/credentials.js"

const proxy = await startFaultProxy({ target: dynamodbEndpoint(), seed: 11 })
const echo = await startEchoServer()
afterAll(async () => {
  await proxy.close()
  await echo.close()
})

const tableName = `transport-errors-${crypto.randomUUID()}`
const LOCAL: EdgeCredentials = {
  accessKeyId: LOCAL_ACCESS_KEY_ID,
  secretAccessKey: "local-placeholder",
}

/** Both adapters against one endpoint, each making two attempts per request. */
function adapters(endpoint: string, credentials: EdgeCredentials = LOCAL) {
  const sdk = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials, maxAttempts: 2 })
  return {
    node: NodeAdapter(sdk, { tableName }),
    edge: EdgeAdapter(
      {
        endpoint,
        region: LOCAL_REGION,
        credentials,
        maxAttempts: 2,
        baseDelayMs: 1,
        maxDelayMs: 2,
      },
      { tableName },
    ),
  }
}

async function failureOf(call: () => unknown): Promise<DynamoAuthError> {
  const error = await Promise.resolve(call()).then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!isDynamoAuthError(error)) throw new Error(`expected a DynamoAuthError, got ${error}`)
  return error
}

/** `[dynamoauth] <operation>: <what happened> (DynamoDB: <error name>)`, as the README says. */
function whatHappened(error: DynamoAuthError): string {
  const shape = /^\[dynamoauth\] getUser: (.+) \(DynamoDB: (\w+)\)$/s.exec(error.message)
  expect(shape, error.message).not.toBeNull()
  expect(shape![2]).toBe(error.awsErrorName)
  return shape![1]!
}

/** Everything an error shows a log: message, stack, String(), own fields, the whole cause chain. */
function exposed(error: unknown): string {
  const parts: string[] = []
  for (let e: any = error, depth = 0; e && depth < 10; e = e.cause, depth++) {
    parts.push(
      String(e.message),
      String(e.stack),
      String(e),
      JSON.stringify(e, Object.getOwnPropertyNames(e)),
    )
  }
  return parts.join("\n")
}

describe("both transports classify the same failure alike", () => {
  beforeAll(async () => {
    const direct = createFetchTransport({
      endpoint: dynamodbEndpoint(),
      region: LOCAL_REGION,
      credentials: LOCAL,
    })
    await direct.send("CreateTable", createTableInput({ tableName }))
  })
  afterEach(() => proxy.clearFaults())

  it.each<[string, FaultOptions, string, string]>([
    [
      "ProvisionedThroughputExceededException",
      { throttleRate: 1 },
      "THROTTLED",
      "ProvisionedThroughputExceededException",
    ],
    [
      "ThrottlingException",
      { throttleRate: 1, throttleType: "ThrottlingException" },
      "THROTTLED",
      "ThrottlingException",
    ],
    [
      "RequestLimitExceeded",
      { throttleRate: 1, throttleType: "RequestLimitExceeded" },
      "THROTTLED",
      "RequestLimitExceeded",
    ],
    ["HTTP 500", { serverErrorRate: 1 }, "DYNAMODB_ERROR", "InternalFailure"],
  ])("%s: same code, name and message", async (_, faults, code, awsErrorName) => {
    proxy.setFaults(faults)
    const { node, edge } = adapters(proxy.endpoint)
    const fromNode = await failureOf(() => node.getUser("someone"))
    const fromEdge = await failureOf(() => edge.getUser("someone"))
    for (const error of [fromNode, fromEdge]) {
      expect(error).toMatchObject({ code, awsErrorName, operation: "getUser" })
      // DynamoDB's own sentence, not a transport's paraphrase of it.
      expect(whatHappened(error)).toMatch(/\(injected by the fault proxy\)$/)
    }
    expect(fromEdge.message).toBe(fromNode.message)
  })

  it("a connection reset: NETWORK_ERROR, NetworkError and the system code on both", async () => {
    proxy.setFaults({ resetRate: 1 })
    const { node, edge } = adapters(proxy.endpoint)
    for (const adapter of [node, edge]) {
      const error = await failureOf(() => adapter.getUser("someone"))
      expect(error).toMatchObject({ code: "NETWORK_ERROR", awsErrorName: "NetworkError" })
      expect(whatHappened(error)).toMatch(/ECONNRESET|socket hang up|fetch failed/)
    }
  })

  it("a missing credential is not a network error", async () => {
    const { node } = adapters(dynamodbEndpoint(), {} as EdgeCredentials)
    const error = await failureOf(() => node.getUser("someone"))
    expect(error.code).not.toBe("NETWORK_ERROR")
    expect(error.awsErrorName).not.toBe("NetworkError")
  })
})

describe("no credential in any error, on either transport", () => {
  const secrets = Object.values(ECHO_CREDENTIALS)

  it("InvalidSignatureException repeating the signed headers and the session token", async () => {
    const { node, edge } = adapters(echo.endpoint, ECHO_CREDENTIALS)
    const errors = [
      await failureOf(() => node.getUser("someone")),
      await failureOf(() => edge.getUser("someone")),
    ]
    for (const error of errors) {
      expect(error).toMatchObject({
        code: "DYNAMODB_ERROR",
        awsErrorName: "InvalidSignatureException",
      })
      expect(whatHappened(error)).toMatch(/^Signature mismatch for AWS4-HMAC-SHA256 /)
      for (const secret of secrets) expect(exposed(error)).not.toContain(secret)
    }
  })
})
