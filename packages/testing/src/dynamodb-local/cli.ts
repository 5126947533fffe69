/**
 * Runs DynamoDB Local in the foreground, on 127.0.0.1 only, until Ctrl-C or SIGTERM. For local
 * development (the example app), where tests' in-memory databases are not enough:
 *
 *   node --import tsx packages/testing/src/dynamodb-local/cli.ts --port 8000 --db-path .data/ddb
 *
 * Prints `DynamoDB Local: http://127.0.0.1:<port>` once it answers requests.
 */
import { parseArgs } from "node:util"
import { startDynamoDBLocal } from "./start.js"

// `pnpm run dynamodb-local -- --port 8000` passes the "--" through: drop it.
const args = process.argv.slice(2)
if (args[0] === "--") args.shift()

const { values } = parseArgs({
  args,
  options: {
    port: { type: "string" },
    "db-path": { type: "string" },
    "no-shared-db": { type: "boolean", default: false },
  },
})

const port = values.port === undefined ? undefined : Number(values.port)
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65_536)) {
  console.error(`dynamodb-local: --port must be a TCP port number, got ${values.port}`)
  process.exit(2)
}

const db = await startDynamoDBLocal({
  ...(port === undefined ? {} : { port }),
  ...(values["db-path"] === undefined ? {} : { dbPath: values["db-path"] }),
  sharedDb: !values["no-shared-db"],
})
console.log(
  `DynamoDB Local: ${db.endpoint}${values["db-path"] ? ` (data in ${values["db-path"]})` : " (in memory)"}`,
)

let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  await db.stop()
  process.exit(0)
}
process.on("SIGINT", stop)
process.on("SIGTERM", stop)
