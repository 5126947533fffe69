/**
 * `pnpm start:better-auth` (root) or `pnpm start` (here): DynamoDB Local with its data in
 * `.data/` (git-ignored, so users survive a restart), the table, and the app on
 * http://localhost:3001 (`PORT` picks another). Ctrl-C stops both.
 */
import { join } from "node:path"
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { createNodeTransport } from "@dynamoauth/adapter-node"
import { startDynamoDBLocal } from "@dynamoauth/testing/dynamodb-local"
import { authSecret } from "../../example/scripts/stack/auth-secret.ts"
import { startApp } from "../src/server.ts"
import { ensureTable } from "../src/table.ts"

const log = (line: string) => console.log(`[example-better-auth] ${line}`)
const dataDir = join(import.meta.dirname, "..", ".data")
const tableName = process.env.DYNAMOAUTH_TABLE || "better-auth"

log("Starting DynamoDB Local …")
const local = await startDynamoDBLocal({ dbPath: join(dataDir, "dynamodb") })
const client = new DynamoDBClient({
  endpoint: local.endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
})
log(`Table ${tableName}: ${await ensureTable(createNodeTransport(client), tableName)}`)
client.destroy()
const app = await startApp({
  endpoint: local.endpoint,
  tableName,
  secret: authSecret(join(dataDir, "auth-secret")),
  port: Number(process.env.PORT || 3001),
})
console.log(`\n  Better Auth example ready: ${app.url}\n`)

let stopping = false
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return
    stopping = true
    log("Stopping …")
    await app.close()
    await local.stop()
    process.exit(0)
  })
}
