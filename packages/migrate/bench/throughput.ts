/**
 * Benchmark (not a test): items per second and peak memory of
 * `dynamoauth migrate run` at 10k and 100k items, on DynamoDB Local.
 *
 *   pnpm --filter @dynamoauth/migrate bench            # 10k and 100k
 *   pnpm --filter @dynamoauth/migrate bench 2000 20000 # other sizes
 *
 * The migration runs as the real CLI in a child process; its peak resident
 * memory is read from /proc (VmHWM), so the figure is the CLI's alone. Memory
 * must stay flat: the engine holds one page per segment, whatever the size.
 */
import { spawn } from "node:child_process"
import { readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { createNodeTransport } from "@dynamoauth/adapter-node"
import { type AttributeMap, createTableInput, type Transport } from "@dynamoauth/core"
import { MAX_BATCH_WRITE } from "@dynamoauth/core/internal"
import { startDynamoDBLocal } from "@dynamoauth/testing/dynamodb-local"
import { ITEMS_PER_USER, legacyItems } from "./legacy-items.js"

const CREDENTIALS = { accessKeyId: "bench", secretAccessKey: "bench" }
const REGION = "us-east-1"
const MAIN = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url))
const FILL_CONCURRENCY = 8

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0)
const db = await startDynamoDBLocal()
try {
  const transport = createNodeTransport(
    new DynamoDBClient({ endpoint: db.endpoint, region: REGION, credentials: CREDENTIALS }),
  )
  const rows: Record<string, string | number>[] = []
  for (const items of sizes.length ? sizes : [10_000, 100_000]) {
    const tableName = `bench-${items}-${Date.now()}`
    await transport.send("CreateTable", createTableInput({ tableName }))
    const fillStarted = Date.now()
    await fill(transport, tableName, Math.ceil(items / ITEMS_PER_USER))
    const fillSeconds = (Date.now() - fillStarted) / 1000
    const result = await migrate(db.endpoint, tableName)
    rows.push({
      items: result.report.scanned,
      "fill s": fillSeconds.toFixed(1),
      "migrate s": (result.report.durationMs / 1000).toFixed(1),
      "items/s": result.report.itemsPerSecond,
      migrated: result.report.migrated,
      "peak RSS MB": (result.peakKb / 1024).toFixed(0),
      exit: result.code ?? -1,
    })
    await transport.send("DeleteTable", { TableName: tableName })
  }
  console.table(rows)
} finally {
  await db.stop()
}

/** BatchWriteItem in chunks of 25, re-sending unprocessed items. */
async function fill(transport: Transport, tableName: string, users: number) {
  const source = legacyItems(users)
  const worker = async () => {
    for (;;) {
      let batch: AttributeMap[] = []
      for (let i = 0; i < MAX_BATCH_WRITE; i++) {
        const next = source.next()
        if (next.done) break
        batch.push(next.value)
      }
      if (batch.length === 0) return
      while (batch.length > 0) {
        const out = await transport.send("BatchWriteItem", {
          RequestItems: { [tableName]: batch.map((Item) => ({ PutRequest: { Item } })) },
        })
        batch = (out.UnprocessedItems?.[tableName] ?? []).map((r: any) => r.PutRequest.Item)
      }
    }
  }
  await Promise.all(Array.from({ length: FILL_CONCURRENCY }, worker))
}

/** Runs the CLI and samples its peak resident memory. */
async function migrate(endpoint: string, tableName: string) {
  const checkpoint = join(tmpdir(), `${tableName}.checkpoint.json`)
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      MAIN,
      "migrate",
      "run",
      "--table",
      tableName,
      "--endpoint",
      endpoint,
      "--region",
      REGION,
      "--checkpoint",
      checkpoint,
      "--json",
      ...(process.env.BENCH_ARGS?.split(" ").filter(Boolean) ?? []),
    ],
    {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  )
  let stdout = ""
  child.stdout.on("data", (chunk) => {
    stdout += chunk
  })
  let peakKb = 0
  const sample = setInterval(async () => {
    try {
      const status = await readFile(`/proc/${child.pid}/status`, "utf8")
      const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
      peakKb = Math.max(peakKb, hwm)
    } catch {
      // The process has just exited.
    }
  }, 100)
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve))
  clearInterval(sample)
  await rm(checkpoint, { force: true })
  return { code, peakKb, report: JSON.parse(stdout) }
}
