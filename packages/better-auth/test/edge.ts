/**
 * The edge transport and fresh tables for the run's DynamoDB Local. Web APIs only: the tests
 * inside workerd (test/workerd/) use them as the Node tests do.
 */
import { createFetchTransport } from "@dynamoauth/adapter-edge"
import type { Transport } from "@dynamoauth/core"
import { createTable, uniqueName } from "@dynamoauth/testing/contract"

/** DynamoDB Local does not check signatures; one key for both transports, so both see the same tables. */
export const CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test-secret-key" }

/**
 * 30 s per attempt, not the default 3 s, as adapter-edge's tests and runtime-tests set it: on a
 * loaded two-core machine DynamoDB Local can take longer than 3 s to answer (queries and
 * transactions timed out under load), and no test here measures the time limit.
 */
export function edgeTransport(endpoint: string): Transport {
  return createFetchTransport({
    endpoint,
    region: "us-east-1",
    credentials: CREDENTIALS,
    timeoutMs: 30_000,
  })
}

/** A fresh table (default key names, or the given ones). */
export async function freshTable(transport: Transport, names: Record<string, string> = {}) {
  return createTable(transport, { ...names, tableName: uniqueName("better-auth") })
}

/** `transport`, recording the operation of every request it sends (the tests count requests per step). */
export function countingTransport(transport: Transport) {
  const requests: string[] = []
  const counted: Transport = {
    send: (operation, input, options) => {
      requests.push(operation)
      return transport.send(operation, input, options)
    },
  }
  return { counted, requests }
}

/**
 * Which adapter call sent which requests: wraps the methods of Better Auth's adapter
 * (`(await auth.$context).adapter`, the one its handler and rate limiter call outside
 * transactions) and records, per call on a model, `<method> <model>: <operations>` (`-`: none
 * sent) from `requests` (a countingTransport's). For calls made one after another.
 */
export function traceAdapterCalls(adapter: object, requests: string[]): string[] {
  const calls: string[] = []
  const methods = adapter as Record<string, unknown>
  for (const [method, original] of Object.entries(methods)) {
    if (typeof original !== "function" || method === "transaction") continue
    methods[method] = async (args: { model?: unknown }, ...rest: unknown[]) => {
      const before = requests.length
      try {
        return await original.call(adapter, args, ...rest)
      } finally {
        if (typeof args?.model === "string") {
          calls.push(`${method} ${args.model}: ${requests.slice(before).join(" ") || "-"}`)
        }
      }
    }
  }
  return calls
}
