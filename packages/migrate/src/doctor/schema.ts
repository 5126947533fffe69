/** doctor's checks of the table description: key schema, the index and its projection. */
import type { ResolvedTableOptions } from "@dynamoauth/core"
import type { Finding } from "./finding.js"

export function checkKeys(table: any, o: ResolvedTableOptions): Finding[] {
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

export function checkIndex(table: any, o: ResolvedTableOptions): Finding[] {
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

function keyOf(schema: { AttributeName: string; KeyType: string }[] | undefined, type: string) {
  return schema?.find((k) => k.KeyType === type)?.AttributeName
}

function typesOf(definitions: { AttributeName: string; AttributeType: string }[] | undefined) {
  return Object.fromEntries(
    (definitions ?? []).map((d) => [d.AttributeName, d.AttributeType]),
  ) as Record<string, string>
}

function addIndexCommand(o: ResolvedTableOptions): string {
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
