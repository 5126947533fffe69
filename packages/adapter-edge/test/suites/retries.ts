/**
 * Retries, timeouts and give-ups, through the loopback fault proxy in front
 * of DynamoDB Local; the proxy counts what actually reached it. Web APIs
 * only: runs on Node's fetch (retries.test.ts) and inside workerd.
 */
import type { FaultOptions, ThrottleType } from "@dynamoauth/testing/fault-proxy"
import type { AsyncFaultProxyControls } from "@dynamoauth/testing/fault-proxy-remote"
import { afterEach, beforeAll, describe, expect, it } from "vitest"
import { DynamoDBAdapter } from "../../src/index.js"
import type { FetchTransportConfig } from "../../src/options.js"
import { createFetchTransport } from "../../src/transport.js"
import { localConfig } from "./local-config.js"

export interface RetryTarget {
  /** DynamoDB Local itself, for set-up. */
  endpoint: string
  /** The fault proxy in front of it. */
  proxyEndpoint: string
  control: AsyncFaultProxyControls
}

/** Tiny backoff so the tests stay fast. */
const FAST = { baseDelayMs: 1, maxDelayMs: 5 }

export function defineRetrySuite(label: string, target: () => RetryTarget): void {
  const table = `edge-retries-${crypto.randomUUID()}`
  const key = { pk: { S: "k" } }
  const control = () => target().control
  /** A transport through the proxy. */
  const through = (extra: Partial<FetchTransportConfig> = {}) =>
    createFetchTransport(localConfig(target().proxyEndpoint, { ...FAST, ...extra }))

  describe(`${label}: retries`, () => {
    beforeAll(async () => {
      const direct = createFetchTransport(localConfig(target().endpoint))
      await direct.send("CreateTable", {
        TableName: table,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      })
      await direct.send("PutItem", { TableName: table, Item: { ...key, v: { N: "1" } } })
    })
    afterEach(async () => {
      await control().clearFaults()
      await control().setDelay(0)
      await control().resetCounts()
    })

    /** Sends `count` reads with faults on; every one must succeed. */
    async function readsSucceedDespite(faults: FaultOptions, count = 20) {
      await control().setFaults(faults)
      const transport = through({ maxAttempts: 10, maxRetryTimeMs: 10_000 })
      for (let i = 0; i < count; i++) {
        const got = await transport.send("GetItem", { TableName: table, Key: key })
        expect(got.Item).toEqual({ ...key, v: { N: "1" } })
      }
      return {
        requests: (await control().counts()).GetItem ?? 0,
        injected: await control().injected(),
      }
    }

    describe("retried until success", () => {
      it.each<ThrottleType>([
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "RequestLimitExceeded",
      ])("throttling (HTTP 400 %s)", async (throttleType) => {
        const { requests, injected } = await readsSucceedDespite({
          throttleRate: 0.5,
          throttleType,
        })
        expect(injected.throttle).toBeGreaterThan(0)
        expect(requests).toBe(20 + injected.throttle)
      })

      it("HTTP 500", async () => {
        const { requests, injected } = await readsSucceedDespite({ serverErrorRate: 0.5 })
        expect(injected.serverError).toBeGreaterThan(0)
        expect(requests).toBe(20 + injected.serverError)
      })

      it("connection resets", async () => {
        const { requests, injected } = await readsSucceedDespite({ resetRate: 0.5 })
        expect(injected.reset).toBeGreaterThan(0)
        expect(requests).toBe(20 + injected.reset)
      })
    })

    describe("never retried", () => {
      it("ConditionalCheckFailedException", async () => {
        const transport = through()
        await expect(
          transport.send("PutItem", {
            TableName: table,
            Item: key,
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        ).rejects.toMatchObject({ name: "ConditionalCheckFailedException" })
        expect(await control().counts()).toEqual({ PutItem: 1 })
      })

      it("ValidationException", async () => {
        await expect(
          through().send("GetItem", { TableName: table, Key: { nope: { S: "x" } } }),
        ).rejects.toMatchObject({ name: "ValidationException", statusCode: 400 })
        expect(await control().counts()).toEqual({ GetItem: 1 })
      })

      it("TransactionCanceledException (core decides about conflicts)", async () => {
        await expect(
          through().send("TransactWriteItems", {
            TransactItems: [
              {
                Put: {
                  TableName: table,
                  Item: key,
                  ConditionExpression: "attribute_not_exists(pk)",
                },
              },
            ],
          }),
        ).rejects.toMatchObject({
          name: "TransactionCanceledException",
          cancellationReasons: ["ConditionalCheckFailed"],
        })
        expect(await control().counts()).toEqual({ TransactWriteItems: 1 })
      })
    })

    describe("giving up", () => {
      it("after maxAttempts, with the throttling type and DynamoDB's message", async () => {
        await control().setFaults({ throttleRate: 1, throttleType: "ThrottlingException" })
        const error = await through({ maxAttempts: 4 })
          .send("GetItem", { TableName: table, Key: key })
          .catch((e: unknown) => e)
        expect(error).toMatchObject({ name: "ThrottlingException", statusCode: 400 })
        // DynamoDB's own message, unprefixed, as the Node transport gives it.
        expect((error as Error).message).toBe(
          "Rate of requests exceeds the allowed throughput. (injected by the fault proxy)",
        )
        expect(await control().counts()).toEqual({ GetItem: 4 })
      })

      it("when the next wait would pass maxRetryTimeMs", async () => {
        await control().setFaults({ serverErrorRate: 1 })
        const started = Date.now()
        const error = await through({
          maxAttempts: 1000,
          maxRetryTimeMs: 300,
          baseDelayMs: 40,
          maxDelayMs: 80,
        })
          .send("GetItem", { TableName: table, Key: key })
          .catch((e: unknown) => e)
        expect(error).toMatchObject({ name: "InternalFailure", statusCode: 500 })
        expect(Date.now() - started).toBeLessThan(1_500)
        expect((await control().counts()).GetItem).toBeGreaterThan(1)
        expect((await control().counts()).GetItem).toBeLessThan(1000)
      })

      it("on the network: NetworkError after every attempt failed", async () => {
        await control().setFaults({ resetRate: 1 })
        const error = await through({ maxAttempts: 3 })
          .send("GetItem", { TableName: table, Key: key })
          .catch((e: unknown) => e)
        expect(error).toMatchObject({ name: "NetworkError" })
        // The network's own message (Node's fetch adds the system code; workerd's has none).
        expect((error as Error).message).not.toBe("")
        expect(await control().counts()).toEqual({ GetItem: 3 })
      })
    })

    describe("timeouts", () => {
      it("an attempt slower than timeoutMs is aborted with TimeoutError and not retried", async () => {
        await control().setDelay(1_000)
        const started = Date.now()
        const error = await through({ timeoutMs: 150 })
          .send("GetItem", { TableName: table, Key: key })
          .catch((e: unknown) => e)
        expect(error).toMatchObject({ name: "TimeoutError" })
        expect((error as Error).message).toBe("DynamoDB GetItem timed out after 150 ms")
        expect(Date.now() - started).toBeLessThan(900)
        expect(await control().counts()).toEqual({ GetItem: 1 })
      })

      it("the caller's signal aborts the request, also while waiting to retry", async () => {
        await control().setDelay(1_000)
        const controller = new AbortController()
        setTimeout(() => controller.abort(), 100)
        await expect(
          through().send("GetItem", { TableName: table, Key: key }, { signal: controller.signal }),
        ).rejects.toMatchObject({
          name: "TimeoutError",
          message: "DynamoDB GetItem aborted by the caller",
        })

        await control().setDelay(0)
        await control().setFaults({ throttleRate: 1 })
        const waiting = new AbortController()
        setTimeout(() => waiting.abort(), 100)
        const started = Date.now()
        await expect(
          through({
            maxAttempts: 5,
            baseDelayMs: 5_000,
            maxDelayMs: 5_000,
            maxRetryTimeMs: 60_000,
          }).send("GetItem", { TableName: table, Key: key }, { signal: waiting.signal }),
        ).rejects.toMatchObject({ name: "TimeoutError" })
        expect(Date.now() - started).toBeLessThan(2_000)
      })
    })

    describe("through the adapter: core's error codes", () => {
      const adapter = (extra: Partial<FetchTransportConfig>) =>
        DynamoDBAdapter(localConfig(target().proxyEndpoint, { ...FAST, ...extra }), {
          tableName: table,
        })

      it.each([
        ["THROTTLED", () => control().setFaults({ throttleRate: 1 }), {}],
        ["NETWORK_ERROR", () => control().setFaults({ resetRate: 1 }), {}],
        ["TIMEOUT", () => control().setDelay(1_000), { timeoutMs: 100 }],
      ] as const)("%s", async (code, fault, extra) => {
        await fault()
        const error = await Promise.resolve(adapter(extra).getUser("someone")).catch(
          (e: unknown) => e,
        )
        expect(error).toMatchObject({ name: "DynamoAuthError", code, operation: "getUser" })
      })
    })
  })
}
