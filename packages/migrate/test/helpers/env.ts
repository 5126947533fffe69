/** Connection to the test run's DynamoDB Local, and table dumps to compare. */
import { randomUUID } from "node:crypto"
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { createNodeTransport } from "@dynamoauth/adapter-node"
import { type AttributeMap, resolveTableOptions, type Transport } from "@dynamoauth/core"
import { scanStoredPages } from "@dynamoauth/core/internal"
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

/** Every item of a table, as canonical JSON strings, sorted. */
export async function dumpTable(transport: Transport, TableName: string): Promise<string[]> {
  return (await scanAll(transport, TableName)).map(canonical).sort()
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

/** Raw items of a table (unsorted), for computing expectations: core's scan, every page. */
export async function scanAll(transport: Transport, tableName: string): Promise<AttributeMap[]> {
  const items: AttributeMap[] = []
  const table = { transport, names: { ...resolveTableOptions(), tableName } }
  for await (const page of scanStoredPages(table, { consistent: true })) items.push(...page.items)
  return items
}
