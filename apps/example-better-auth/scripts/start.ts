/**
 * `pnpm start:better-auth` (root) or `pnpm start` (here): DynamoDB Local with its data in
 * `.data/` (git-ignored, so users survive a restart), the table, the Worker bundle, then the
 * Node server on http://localhost:3001 and the Worker on http://localhost:3002 (`PORT` and
 * `WORKER_PORT` pick others). Ctrl-C stops all of it.
 */
import { join } from "node:path"
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { createNodeTransport } from "@dynamoauth/adapter-node"
import { startDynamoDBLocal } from "@dynamoauth/testing/dynamodb-local"
import { authSecret } from "../../example/scripts/stack/auth-secret.ts"
import { ensureTable } from "../src/table.ts"
import { buildWorker } from "./build-worker.ts"
import { startStack } from "./stack.ts"

// The AWS SDK's notice about Node 20 support says nothing about this example; the tests mute it too.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true"
const log = (line: string) => console.log(`[example-better-auth] ${line}`)
const dataDir = join(import.meta.dirname, "..", ".data")
const tableName = process.env.DYNAMOAUTH_TABLE || "better-auth"

log("Building the Worker …")
await buildWorker()
log("Starting DynamoDB Local …")
const local = await startDynamoDBLocal({ dbPath: join(dataDir, "dynamodb") })
const client = new DynamoDBClient({
  endpoint: local.endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
})
log(`Table ${tableName}: ${await ensureTable(createNodeTransport(client), tableName)}`)
client.destroy()
const stack = await startStack({
  endpoint: local.endpoint,
  tableName,
  secret: authSecret(join(dataDir, "auth-secret")),
  port: Number(process.env.PORT || 3001),
  workerPort: Number(process.env.WORKER_PORT || 3002),
})

// Miniflare installs its own SIGINT/SIGTERM handlers that exit at once, cutting short the
// stop of DynamoDB Local (which flushes .data/ on the way out): ours replace them.
let stopping = false
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.removeAllListeners(signal)
  process.on(signal, async () => {
    if (stopping) return
    stopping = true
    log("Stopping …")
    await stack.stop()
    await local.stop()
    process.exit(0)
  })
}
console.log(`\n  Better Auth example ready: ${stack.nodeUrl}`)
console.log(`  The same app in a Cloudflare Worker: ${stack.workerUrl}`)
console.log(`  Dev inbox (sign-in codes): ${stack.nodeUrl}/dev/inbox\n`)
