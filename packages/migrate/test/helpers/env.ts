/** Connection to the test run's DynamoDB Local, and table dumps to compare. */
import { randomUUID } from "node:crypto"
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { createNodeTransport } from "@dynamoauth/adapter-node"
import type { AttributeMap, Transport } from "@dynamoauth/core"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"

/** DynamoDB Local keeps one database per access key and region (keys must be alphanumeric): every client here uses the same. */
export const REGION = "us-east-1"
export const CREDENTIALS = { accessKeyId: "migratetests", secretAccessKey: "migratetests" }

export function endpoint(): string {
  return dynamodbEndpoint()
}

export function transportFor(url = endpoint(), maxAttempts = 3): Transport {
  return createNodeTransport(
    new DynamoDBClient({ endpoint: url, region: REGION, credentials: CREDENTIALS, maxAttempts }),
  )
}

export function uniqueTable(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`
}

/** Every item of a table (following LastEvaluatedKey), as canonical JSON strings, sorted. */
export async function dumpTable(transport: Transport, TableName: string): Promise<string[]> {
  const items: string[] = []
  let startKey: AttributeMap | undefined
  do {
    const out = await transport.send("Scan", {
      TableName,
      ConsistentRead: true,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    })
    for (const item of out.Items ?? []) items.push(canonical(item))
    startKey = out.LastEvaluatedKey
  } while (startKey)
  return items.sort()
}

/** JSON with sorted attribute names and sorted set members, numbers normalised. */
export function canonical(item: AttributeMap): string {
  return JSON.stringify(normalize({ M: item }))
}

function normalize(value: any): unknown {
  if ("M" in value)
    return Object.fromEntries(
      Object.keys(value.M)
        .sort()
        .map((k) => [k, normalize(value.M[k])]),
    )
  if ("L" in value) return { L: value.L.map(normalize) }
  if ("N" in value) return { N: String(Number(value.N)) }
  if ("SS" in value) return { SS: [...value.SS].sort() }
  if ("NS" in value) return { NS: value.NS.map((n: string) => String(Number(n))).sort() }
  if ("B" in value) return { B: Buffer.from(value.B).toString("base64") }
  if ("BS" in value)
    return { BS: value.BS.map((b: Uint8Array) => Buffer.from(b).toString("base64")).sort() }
  return value
}

/** Raw items of a table (unsorted), for computing expectations. */
export async function scanAll(transport: Transport, TableName: string): Promise<AttributeMap[]> {
  const items: AttributeMap[] = []
  let startKey: AttributeMap | undefined
  do {
    const out = await transport.send("Scan", {
      TableName,
      ConsistentRead: true,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    })
    items.push(...(out.Items ?? []))
    startKey = out.LastEvaluatedKey
  } while (startKey)
  return items
}
