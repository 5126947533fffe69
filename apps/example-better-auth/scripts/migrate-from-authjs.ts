/**
 * `pnpm --filter @dynamoauth/example-better-auth migrate-from-authjs`: moves the Auth.js
 * example's users (apps/example, table `next-auth`) to this example (table `better-auth`),
 * so that whoever signed in there signs in here as the same user. Stop both examples first.
 *
 * 1. the Auth.js table is copied as it is into this example's DynamoDB Local (the two examples
 *    keep their data apart; on one table in AWS you skip this and migrate in place);
 * 2. `dynamoauth migrate run --to better-auth --target-table better-auth` writes each user,
 *    account, live session and passkey as the Better Auth record (ids and tokens kept);
 * 3. `dynamoauth migrate verify` checks every Auth.js item has its Better Auth record.
 *
 * `AUTHJS_DYNAMODB_ENDPOINT` / `DYNAMODB_ENDPOINT` use running DynamoDBs instead of starting
 * DynamoDB Local on each example's `.data/` (the tests do this); `AUTHJS_TABLE`,
 * `DYNAMOAUTH_TABLE` and `DYNAMOAUTH_DATA_DIR` (where the report goes) rename things.
 */
import { spawn } from "node:child_process"
import { existsSync, mkdirSync } from "node:fs"
import { join } from "node:path"
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { createNodeTransport } from "@dynamoauth/adapter-node"
import { startDynamoDBLocal } from "@dynamoauth/testing/dynamodb-local"
import { ensureTable } from "../src/table.ts"
import { copyTable } from "./copy-table.ts"

// The AWS SDK's notice about Node 20 support says nothing about this example; the tests mute it too.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true"
const log = (line: string) => console.log(`[migrate-from-authjs] ${line}`)
const APP_DIR = join(import.meta.dirname, "..")
const authjsTable = process.env.AUTHJS_TABLE || "next-auth"
const tableName = process.env.DYNAMOAUTH_TABLE || "better-auth"
const dataDir = process.env.DYNAMOAUTH_DATA_DIR || join(APP_DIR, ".data")
// DynamoDB Local accepts any key pair; the CLI reads these from the environment.
const LOCAL = {
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "local",
  AWS_SECRET_ACCESS_KEY: "local",
}

const stops: Array<() => Promise<void>> = []
try {
  const source = await endpoint(
    "AUTHJS_DYNAMODB_ENDPOINT",
    join(APP_DIR, "..", "example", ".data", "dynamodb"),
    "the Auth.js example's",
  )
  const target = await endpoint("DYNAMODB_ENDPOINT", join(dataDir, "dynamodb"), "this example's")
  const from = client(source)
  const to = client(target)
  stops.push(async () => {
    from.destroy()
    to.destroy()
  })

  log(`Table ${tableName}: ${await ensureTable(createNodeTransport(to), tableName)}`)
  if (source !== target) {
    const copied = await copyTable(from, to, authjsTable)
    log(`Copied ${authjsTable} as it is (${copied} items) next to ${tableName}`)
  }
  const table = ["--table", authjsTable, "--to", "better-auth", "--target-table", tableName]
  const connection = ["--endpoint", target, "--region", LOCAL.AWS_REGION]
  mkdirSync(dataDir, { recursive: true })
  await dynamoauth([
    "migrate",
    "run",
    ...table,
    ...connection,
    "--report",
    join(dataDir, "migrate-report.json"),
    "--checkpoint",
    join(dataDir, "migrate.checkpoint.json"),
  ])
  await dynamoauth(["migrate", "verify", ...table, ...connection])
  log(`Done: the Auth.js example's users sign in here as themselves (start:better-auth).`)
} catch (error) {
  console.error(`[migrate-from-authjs] ${(error as Error).message}`)
  process.exitCode = 1
} finally {
  for (const stop of stops.reverse()) await stop()
}

/** A running DynamoDB from `variable`, or DynamoDB Local started on the example's data. */
async function endpoint(variable: string, dbPath: string, whose: string): Promise<string> {
  const given = process.env[variable]
  if (given) return given
  if (variable === "AUTHJS_DYNAMODB_ENDPOINT" && !existsSync(dbPath)) {
    throw new Error(
      `No data at ${dbPath}: start the Auth.js example (pnpm start) and sign in first`,
    )
  }
  log(`Starting DynamoDB Local on ${whose} data …`)
  const local = await startDynamoDBLocal({ dbPath })
  stops.push(local.stop)
  return local.endpoint
}

function client(endpoint: string) {
  return new DynamoDBClient({
    endpoint,
    region: LOCAL.AWS_REGION,
    credentials: {
      accessKeyId: LOCAL.AWS_ACCESS_KEY_ID,
      secretAccessKey: LOCAL.AWS_SECRET_ACCESS_KEY,
    },
  })
}

/** The `dynamoauth` CLI of @dynamoauth/migrate, its summary on this terminal. */
function dynamoauth(args: string[]): Promise<void> {
  const bin = join(APP_DIR, "node_modules", "@dynamoauth", "migrate", "bin", "dynamoauth.js")
  const command = ["dynamoauth", ...args].join(" ")
  log(command)
  return new Promise((resolve, reject) => {
    // The JSON report goes to a file (--report); stdout would repeat it.
    const child = spawn(process.execPath, [bin, ...args], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, ...LOCAL },
    })
    child.on("error", reject)
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${args.slice(0, 2).join(" ")} exited with ${code}`)),
    )
  })
}
