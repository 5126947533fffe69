/**
 * `dynamoauth init`: creates the table the adapter expects (keys, the index
 * with projection ALL, on-demand billing) and turns on TTL on `expires`.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
 */
import {
  createTableInput,
  type DynamoDBAdapterOptions,
  resolveTableOptions,
  type Transport,
  timeToLiveInput,
} from "@dynamoauth/core"
import { createMigrationClient } from "./client.js"
import { migrateError } from "./errors.js"
import { sleep } from "./retry.js"

/** How long to wait for a new table to become ACTIVE before giving up. */
export const TABLE_ACTIVE_TIMEOUT_MS = 10 * 60 * 1000
const POLL_MS = 1000

export interface InitOptions extends DynamoDBAdapterOptions {
  transport: Transport
  /** Stop waiting for ACTIVE. */
  signal?: AbortSignal
}

export interface InitReport {
  table: string
  /** False when the table already existed (it is left as it is; run `doctor` on it). */
  created: boolean
  ttl: "enabled" | "already-enabled"
  status: string
}

export async function initTable(options: InitOptions): Promise<InitReport> {
  const operation = "init"
  const resolved = resolveTableOptions(options)
  const client = createMigrationClient(options.transport)
  let created = true
  try {
    await client.raw("CreateTable", createTableInput(resolved))
  } catch (error) {
    if ((error as Error)?.name !== "ResourceInUseException")
      throw migrateError(error, operation, "(CreateTable)")
    created = false
  }
  const status = await waitForActive(options, resolved.tableName)
  let ttl: InitReport["ttl"] = "enabled"
  try {
    await client.raw("UpdateTimeToLive", timeToLiveInput(resolved))
  } catch (error) {
    // DynamoDB answers a repeated enable with a ValidationException saying it is already enabled.
    if (!/already enabled/i.test(String((error as Error)?.message))) {
      throw migrateError(error, operation, "(UpdateTimeToLive)")
    }
    ttl = "already-enabled"
  }
  return { table: resolved.tableName, created, ttl, status }
}

async function waitForActive(options: InitOptions, TableName: string): Promise<string> {
  const client = createMigrationClient(options.transport)
  const deadline = Date.now() + TABLE_ACTIVE_TIMEOUT_MS
  for (;;) {
    const out = await client.send("init", "DescribeTable", { TableName })
    const status = String(out.Table?.TableStatus ?? "UNKNOWN")
    const indexesActive = (out.Table?.GlobalSecondaryIndexes ?? []).every(
      (index: { IndexStatus?: string }) =>
        index.IndexStatus === undefined || index.IndexStatus === "ACTIVE",
    )
    if ((status === "ACTIVE" && indexesActive) || Date.now() > deadline || options.signal?.aborted)
      return status
    await sleep(POLL_MS, options.signal)
  }
}
