/**
 * `dynamoauth init`: creates the table the adapter expects (keys, the index
 * with projection ALL, on-demand billing) and turns on TTL on `expires`.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
 */
import {
  createTableInput,
  type DynamoDBAdapterOptions,
  type DynamoDBBody,
  type DynamoDBOperation,
  resolveTableOptions,
  type Transport,
  timeToLiveInput,
} from "@dynamoauth/core"
import { classifyError } from "@dynamoauth/core/internal"
import { migrateError } from "../errors.js"
import { sleep, withRetries } from "../transport/retries.js"

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
  const resolved = resolveTableOptions(options)
  const transport = withRetries(options.transport)
  const { tableName } = resolved
  const send = (operation: DynamoDBOperation, input: DynamoDBBody) =>
    transport.send(operation, input).catch((error: unknown) => {
      throw migrateError(error, "init", `(${operation} on ${tableName})`)
    })
  // An existing table is left as it is; so is one another process creates meanwhile.
  let created = !(await tableExists(transport, tableName))
  if (created) {
    await transport.send("CreateTable", createTableInput(resolved)).catch(async (error) => {
      if (!(await tableExists(transport, tableName)))
        throw migrateError(error, "init", `(CreateTable on ${tableName})`)
      created = false
    })
  }
  const status = await waitForActive(send, options.signal, tableName)
  const ttlStatus = (await send("DescribeTimeToLive", { TableName: tableName }))
    .TimeToLiveDescription?.TimeToLiveStatus
  // A table has one TTL attribute, and enabling it again is refused: doctor checks which it is.
  if (ttlStatus === "ENABLED" || ttlStatus === "ENABLING") {
    return { table: tableName, created, ttl: "already-enabled", status }
  }
  await send("UpdateTimeToLive", timeToLiveInput(resolved))
  return { table: tableName, created, ttl: "enabled", status }
}

async function tableExists(transport: Transport, TableName: string): Promise<boolean> {
  try {
    await transport.send("DescribeTable", { TableName })
    return true
  } catch (error) {
    if (classifyError(error).code === "TABLE_NOT_FOUND") return false
    throw migrateError(error, "init", `(DescribeTable on ${TableName})`)
  }
}

async function waitForActive(
  send: (operation: DynamoDBOperation, input: DynamoDBBody) => Promise<DynamoDBBody>,
  signal: AbortSignal | undefined,
  TableName: string,
): Promise<string> {
  const deadline = Date.now() + TABLE_ACTIVE_TIMEOUT_MS
  for (;;) {
    const out = await send("DescribeTable", { TableName })
    const status = String(out.Table?.TableStatus ?? "UNKNOWN")
    const indexesActive = (out.Table?.GlobalSecondaryIndexes ?? []).every(
      (index: { IndexStatus?: string }) =>
        index.IndexStatus === undefined || index.IndexStatus === "ACTIVE",
    )
    if ((status === "ACTIVE" && indexesActive) || Date.now() > deadline || signal?.aborted)
      return status
    await sleep(POLL_MS, signal)
  }
}
