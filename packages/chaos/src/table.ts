/** The run's tables on DynamoDB Local, reached directly (no proxy, no gate). */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { createFetchTransport } from "@dynamoauth/adapter-edge"
import { createNodeTransport } from "@dynamoauth/adapter-node"
import {
  type AttributeMap,
  createTableInput,
  resolveTableOptions,
  type Transport,
} from "@dynamoauth/core"
import { unmarshallItem } from "@dynamoauth/core/internal"
import { ConfiguredRetryStrategy } from "@smithy/core/retry"

/** DynamoDB Local checks neither; not a secret. */
export const REGION = "us-east-1"
export const CREDENTIALS = { accessKeyId: "chaos", secretAccessKey: "chaos-secret-key" }

/**
 * Retries wait no time. Under the gate (gate.ts) a request keeps the wire through its retries,
 * so a backoff only stalls every instance: the SDK's (up to 1 s after a throttle) was most of
 * a Better Auth run's wall time. The clients retry the same faults as often as by default;
 * what runs meanwhile is the scheduler's choice either way.
 */
const NO_BACKOFF = 0

/** An AWS SDK client's settings for `endpoint` (the official adapter's client takes them too). */
export const clientConfig = (endpoint: string) => ({
  endpoint,
  region: REGION,
  credentials: CREDENTIALS,
  retryStrategy: new ConfiguredRetryStrategy(3, NO_BACKOFF),
})

export const sdkClient = (endpoint: string) => new DynamoDBClient(clientConfig(endpoint))

/**
 * The edge transport as the run's instances use it: retries without backoff (above). Its time
 * limit is raised from the default 3 s (as the SDK client has none): on a loaded machine
 * DynamoDB Local can take longer, and a timeout there is neither an injected fault (the gate's
 * are counted and seeded) nor a failure the fault-free probe may have.
 */
export const fetchTransport = (endpoint: string) =>
  createFetchTransport({
    endpoint,
    region: REGION,
    credentials: CREDENTIALS,
    timeoutMs: 30_000,
    baseDelayMs: NO_BACKOFF,
  })

export function directTransport(endpoint: string): Transport {
  return createNodeTransport(sdkClient(endpoint))
}

/** A fresh table in the adapters' default layout (the layout both adapters' defaults share). */
export async function createTable(transport: Transport, tableName: string): Promise<void> {
  await transport.send("CreateTable", createTableInput(resolveTableOptions({ tableName })))
}

export async function deleteTable(transport: Transport, tableName: string): Promise<void> {
  await transport.send("DeleteTable", { TableName: tableName })
}

let tables = 0

/**
 * A fresh table per history, in the adapters' default layout: the next one is created while the
 * current history runs, and a used one is deleted in the background (DynamoDB Local takes tens
 * of milliseconds for each).
 */
export function tableSupply(transport: Transport, prefix: string) {
  let spare: Promise<string> | undefined
  const deletes: Promise<void>[] = []
  const make = () => {
    const name = `${prefix}-${process.pid}-${++tables}`
    const created = createTable(transport, name).then(() => name)
    // Its error, if any, is the next taker's.
    created.catch(() => {})
    return created
  }
  return {
    take(): Promise<string> {
      const next = spare ?? make()
      spare = make()
      return next
    },
    drop(name: string): void {
      deletes.push(deleteTable(transport, name).catch(() => {}))
    },
    /** Deletes the spare and waits for every delete. */
    async close(): Promise<void> {
      if (spare) deletes.push(spare.then((name) => deleteTable(transport, name)).catch(() => {}))
      spare = undefined
      await Promise.all(deletes)
    },
  }
}

/** Every item of the table, plain values, all pages. */
export async function scanTable(
  transport: Transport,
  tableName: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = []
  let ExclusiveStartKey: AttributeMap | undefined
  do {
    const out = await transport.send("Scan", { TableName: tableName, ExclusiveStartKey })
    for (const item of out.Items ?? []) items.push(unmarshallItem(item))
    ExclusiveStartKey = out.LastEvaluatedKey
  } while (ExclusiveStartKey)
  return items
}
