/**
 * `dynamoauth doctor`: checks a live table against what the adapter needs —
 * key schema, the index and its projection, TTL on `expires` — and reads a
 * sample of items for legacy shapes. Each finding says what is wrong and
 * how to fix it. Reads only.
 */
import {
  type AttributeMap,
  createKeys,
  type DynamoDBAdapterOptions,
  type ResolvedOptions,
  resolveOptions,
  type Transport,
} from "@dynamoauth/core"
import { createMigrationClient } from "./client.js"
import { migrateError } from "./errors.js"
import { tableOptions } from "./init.js"
import { bump } from "./report.js"
import { transformItem } from "./transform/index.js"

/** The attribute the adapter stores expiry in, and that TTL must watch. */
const TTL_ATTRIBUTE = "expires"

export interface DoctorOptions extends DynamoDBAdapterOptions {
  transport: Transport
  /** Items read to look for legacy shapes (a sample: the scan stops there). @default 1000 */
  sampleSize?: number
}

export interface Finding {
  check: "table" | "keys" | "index" | "projection" | "ttl" | "items"
  status: "ok" | "warning" | "error"
  message: string
  /** What to do about it (a command or a setting). */
  fix?: string
}

export interface DoctorReport {
  table: string
  /** No finding with status "error". */
  ok: boolean
  findings: Finding[]
  sample: {
    scanned: number
    perKind: Record<string, number>
    /** Legacy changes the sampled items need, by change name. */
    legacy: Record<string, number>
    problems: Record<string, number>
  }
}

export async function doctor(options: DoctorOptions): Promise<DoctorReport> {
  const o = resolveOptions(tableOptions(options))
  const client = createMigrationClient(options.transport)
  const findings: Finding[] = []
  const sample = { scanned: 0, perKind: {}, legacy: {}, problems: {} }
  const report = () => ({
    table: o.tableName,
    ok: !findings.some((f) => f.status === "error"),
    findings,
    sample,
  })
  const flags = flagsOf(o)

  let table: any
  try {
    table = (await client.raw("DescribeTable", { TableName: o.tableName })).Table
  } catch (error) {
    if ((error as Error)?.name !== "ResourceNotFoundException")
      throw migrateError(error, "doctor", "(DescribeTable)")
    findings.push({
      check: "table",
      status: "error",
      message: `table "${o.tableName}" does not exist (in this region, for these credentials)`,
      fix: `dynamoauth init${flags}   (or check --table, --region, --endpoint and your AWS profile)`,
    })
    return report()
  }
  findings.push(
    table.TableStatus === "ACTIVE"
      ? { check: "table", status: "ok", message: `table "${o.tableName}" is ACTIVE` }
      : {
          check: "table",
          status: "warning",
          message: `table "${o.tableName}" is ${table.TableStatus}`,
          fix: "wait until it is ACTIVE",
        },
  )
  findings.push(...checkKeys(table, o))
  findings.push(...checkIndex(table, o))
  findings.push(await checkTtl(client, o))
  await sampleItems(client, o, options.sampleSize ?? 1000, sample)
  findings.push(itemsFinding(sample, flags))
  return report()
}

function checkKeys(table: any, o: ResolvedOptions): Finding[] {
  const hash = keyOf(table.KeySchema, "HASH")
  const range = keyOf(table.KeySchema, "RANGE")
  const types = typesOf(table.AttributeDefinitions)
  if (
    hash === o.partitionKey &&
    range === o.sortKey &&
    types[hash] === "S" &&
    types[range] === "S"
  ) {
    return [
      { check: "keys", status: "ok", message: `keys ${hash} (HASH, S) / ${range} (RANGE, S)` },
    ]
  }
  const fix =
    hash && range && types[hash] === "S" && types[range] === "S"
      ? `the table's keys are ${hash}/${range}: pass --partition-key ${hash} --sort-key ${range} (adapter options partitionKey/sortKey)`
      : "the adapter needs a string partition key and a string sort key: create a table with `dynamoauth init --table <new>` and copy into it with `dynamoauth migrate run --target-table <new>`"
  return [
    {
      check: "keys",
      status: "error",
      message: `key schema is ${hash ?? "none"}${types[hash ?? ""] ? ` (${types[hash ?? ""]})` : ""} / ${range ?? "no sort key"}${types[range ?? ""] ? ` (${types[range ?? ""]})` : ""}; expected ${o.partitionKey} (S) / ${o.sortKey} (S)`,
      fix,
    },
  ]
}

function checkIndex(table: any, o: ResolvedOptions): Finding[] {
  const indexes: any[] = table.GlobalSecondaryIndexes ?? []
  const index = indexes.find((i) => i.IndexName === o.indexName)
  const types = typesOf(table.AttributeDefinitions)
  if (!index) {
    const others = indexes.map((i) => i.IndexName).join(", ")
    return [
      {
        check: "index",
        status: "error",
        message: `no global secondary index "${o.indexName}"${others ? ` (the table has: ${others})` : ""}; getUserByEmail, getUserByAccount and session lookups need it`,
        fix: others
          ? `if one of those is the adapter's index, pass --index-name; otherwise add it: ${addIndexCommand(o)}`
          : `add it: ${addIndexCommand(o)}`,
      },
    ]
  }
  const findings: Finding[] = []
  const hash = keyOf(index.KeySchema, "HASH")
  const range = keyOf(index.KeySchema, "RANGE")
  if (
    hash === o.indexPartitionKey &&
    range === o.indexSortKey &&
    types[hash] === "S" &&
    types[range] === "S"
  ) {
    findings.push({
      check: "index",
      status: "ok",
      message: `index ${o.indexName}: ${hash} / ${range}`,
    })
  } else {
    findings.push({
      check: "index",
      status: "error",
      message: `index ${o.indexName} has keys ${hash ?? "none"} / ${range ?? "none"}; expected ${o.indexPartitionKey} (S) / ${o.indexSortKey} (S)`,
      fix: `pass --index-partition-key ${hash} --index-sort-key ${range} if those are the adapter's names; otherwise add a correct index under another name and pass --index-name`,
    })
  }
  if (index.IndexStatus && index.IndexStatus !== "ACTIVE") {
    findings.push({
      check: "index",
      status: "warning",
      message: `index ${o.indexName} is ${index.IndexStatus}`,
      fix: "wait until it is ACTIVE (backfilling)",
    })
  }
  const projection = index.Projection?.ProjectionType
  findings.push(
    projection === "ALL"
      ? { check: "projection", status: "ok", message: "index projection is ALL" }
      : {
          check: "projection",
          status: "error",
          message: `index ${o.indexName} projects ${projection ?? "nothing"}; the adapter reads whole items from it and needs ALL`,
          fix: `a projection cannot be changed: add an index with projection ALL under a new name (${addIndexCommand({ ...o, indexName: `${o.indexName}ALL` })}), pass --index-name ${o.indexName}ALL, then delete the old index`,
        },
  )
  return findings
}

async function checkTtl(
  client: ReturnType<typeof createMigrationClient>,
  o: ResolvedOptions,
): Promise<Finding> {
  const out = await client.send("doctor", "DescribeTimeToLive", { TableName: o.tableName })
  const status = out.TimeToLiveDescription?.TimeToLiveStatus
  const attribute = out.TimeToLiveDescription?.AttributeName
  const enable = `aws dynamodb update-time-to-live --table-name ${o.tableName} --time-to-live-specification "Enabled=true, AttributeName=${TTL_ATTRIBUTE}"`
  if ((status === "ENABLED" || status === "ENABLING") && attribute === TTL_ATTRIBUTE) {
    return {
      check: "ttl",
      status: "ok",
      message: `TTL ${status.toLowerCase()} on "${TTL_ATTRIBUTE}"`,
    }
  }
  if ((status === "ENABLED" || status === "ENABLING") && attribute !== TTL_ATTRIBUTE) {
    return {
      check: "ttl",
      status: "error",
      message: `TTL watches "${attribute}", but expired sessions and tokens carry "${TTL_ATTRIBUTE}"`,
      fix: `a table has one TTL attribute: disable TTL on "${attribute}" (it takes up to an hour), then: ${enable}`,
    }
  }
  return {
    check: "ttl",
    status: "warning",
    message: `TTL is ${String(status ?? "DISABLED").toLowerCase()}: expired sessions and verification tokens stay in the table forever (the adapter still ignores them)`,
    fix: enable,
  }
}

async function sampleItems(
  client: ReturnType<typeof createMigrationClient>,
  o: ResolvedOptions,
  size: number,
  sample: DoctorReport["sample"],
) {
  const context = { keys: createKeys(o), dropLegacy: false }
  let startKey: AttributeMap | undefined
  do {
    const out = await client.send("doctor", "Scan", {
      TableName: o.tableName,
      Limit: Math.min(size - sample.scanned, 1000),
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    })
    for (const item of (out.Items ?? []) as AttributeMap[]) {
      sample.scanned++
      const result = transformItem(item, context)
      bump(sample.perKind, result.kind)
      for (const change of result.changes) bump(sample.legacy, change)
      for (const code of result.problems) bump(sample.problems, code)
    }
    startKey = out.LastEvaluatedKey
  } while (startKey && sample.scanned < size)
}

function itemsFinding(sample: DoctorReport["sample"], flags: string): Finding {
  const legacy = Object.entries(sample.legacy)
  const problems = Object.entries(sample.problems)
  if (legacy.length > 0) {
    return {
      check: "items",
      status: "error",
      message: `sampled ${sample.scanned} items: some are in a legacy layout the current adapter cannot read (${legacy.map(([c, n]) => `${c}: ${n}`).join(", ")})`,
      fix: `dynamoauth migrate plan${flags}   then   dynamoauth migrate run${flags}`,
    }
  }
  if (problems.length > 0) {
    return {
      check: "items",
      status: "warning",
      message: `sampled ${sample.scanned} items: ${problems.map(([c, n]) => `${c}: ${n}`).join(", ")}`,
      fix: "see the package README (problems) — these items need a decision the migration does not make for you",
    }
  }
  return {
    check: "items",
    status: "ok",
    message: `sampled ${sample.scanned} items: all in the current layout`,
  }
}

function keyOf(schema: { AttributeName: string; KeyType: string }[] | undefined, type: string) {
  return schema?.find((k) => k.KeyType === type)?.AttributeName
}

function typesOf(definitions: { AttributeName: string; AttributeType: string }[] | undefined) {
  return Object.fromEntries(
    (definitions ?? []).map((d) => [d.AttributeName, d.AttributeType]),
  ) as Record<string, string>
}

function addIndexCommand(o: ResolvedOptions): string {
  const update = {
    Create: {
      IndexName: o.indexName,
      KeySchema: [
        { AttributeName: o.indexPartitionKey, KeyType: "HASH" },
        { AttributeName: o.indexSortKey, KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    },
  }
  const definitions = `AttributeName=${o.indexPartitionKey},AttributeType=S AttributeName=${o.indexSortKey},AttributeType=S`
  return `aws dynamodb update-table --table-name ${o.tableName} --attribute-definitions ${definitions} --global-secondary-index-updates '${JSON.stringify([update])}'`
}

/** The CLI flags that repeat non-default options in a suggested command. */
function flagsOf(o: ResolvedOptions): string {
  const d = resolveOptions()
  const pairs: [keyof ResolvedOptions, string][] = [
    ["tableName", "--table"],
    ["partitionKey", "--partition-key"],
    ["sortKey", "--sort-key"],
    ["indexName", "--index-name"],
    ["indexPartitionKey", "--index-partition-key"],
    ["indexSortKey", "--index-sort-key"],
  ]
  return pairs
    .filter(([name]) => o[name] !== d[name])
    .map(([name, flag]) => ` ${flag} ${o[name]}`)
    .join("")
}
