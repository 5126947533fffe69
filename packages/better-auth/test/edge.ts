/**
 * The edge transport and fresh tables for the run's DynamoDB Local. Web APIs only: the tests
 * inside workerd (test/workerd/) use them as the Node tests do.
 */
import { createFetchTransport } from "@dynamoauth/adapter-edge"
import type { Transport } from "@dynamoauth/core"
import { createTable, uniqueName } from "@dynamoauth/testing/contract"

/** DynamoDB Local does not check signatures; one key for both transports, so both see the same tables. */
export const CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test-secret-key" }

export function edgeTransport(endpoint: string): Transport {
  return createFetchTransport({ endpoint, region: "us-east-1", credentials: CREDENTIALS })
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
