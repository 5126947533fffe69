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

/** DynamoDB Local checks neither; not a secret. */
export const REGION = "us-east-1"
export const CREDENTIALS = { accessKeyId: "chaos", secretAccessKey: "chaos-secret-key" }

export const sdkClient = (endpoint: string) =>
  new DynamoDBClient({ endpoint, region: REGION, credentials: CREDENTIALS })

/**
 * The edge transport as the run's instances use it. Its time limit is raised from the default
 * 3 s (as the SDK client has none): on a loaded machine DynamoDB Local can take longer, and a
 * timeout there is neither an injected fault (the gate's are counted and seeded) nor a failure
 * the fault-free probe may have.
 */
export const fetchTransport = (endpoint: string) =>
  createFetchTransport({ endpoint, region: REGION, credentials: CREDENTIALS, timeoutMs: 30_000 })

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
