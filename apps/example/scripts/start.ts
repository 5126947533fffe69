/**
 * `pnpm start`: the whole example on this machine. DynamoDB Local keeps its data in
 * `.data/` (git-ignored), so users and passkeys survive a restart. With `DYNAMOAUTH_TABLE` and
 * `AWS_REGION` set (plus `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, optional
 * `AWS_SESSION_TOKEN`) it uses that real DynamoDB table instead. `PORT` picks the app's port.
 */
import { join } from "node:path"
import { authSecret } from "./stack/auth-secret"
import { buildIfNeeded } from "./stack/build"
import { APP_DIR } from "./stack/paths"
import { type Stack, startStack } from "./stack/stack"

const log = (line: string) => console.log(`[example] ${line}`)
const aws = awsConfigured(process.env)
// Overridable so the start command itself can be tested without touching the real data.
const dataDir = process.env.DYNAMOAUTH_DATA_DIR || join(APP_DIR, ".data")

let stack: Stack | undefined
let stopping = false
async function onSignal(): Promise<void> {
  if (stopping) return
  stopping = true
  log("Stopping …")
  // Before the stack is up, exiting is enough: the children are killed on exit.
  if (!stack) process.exit(130)
  await stack.stop()
  process.exit(0)
}
const SIGNALS = ["SIGINT", "SIGTERM"] as const
// Registered first, so Ctrl-C during the build or start-up also stops what has started.
for (const signal of SIGNALS) process.on(signal, onSignal)

await buildIfNeeded(log)
stack = await startStack({
  aws,
  ...(aws ? {} : { dbPath: join(dataDir, "dynamodb") }),
  appPort: Number(process.env.PORT || 3000),
  authSecret: authSecret(join(dataDir, "auth-secret")),
  tableName: process.env.DYNAMOAUTH_TABLE || "next-auth",
  log,
})

// Miniflare installs its own SIGINT/SIGTERM handlers that exit at once, cutting short the
// graceful stop of DynamoDB Local and Next.js; ours disposes miniflare as part of the stack.
for (const signal of SIGNALS) {
  for (const listener of process.listeners(signal)) {
    if (listener !== onSignal) process.removeListener(signal, listener as () => void)
  }
}

log(aws ? "Using DynamoDB in AWS" : `DynamoDB Local on ${stack.endpoint}`)
// Browse as localhost: WebAuthn does not accept an IP address as the passkeys' site.
const url = stack.appUrl.replace("127.0.0.1", "localhost")
log(`Worker (miniflare) on ${stack.workerUrl}, behind ${url}/worker/`)
console.log(`\n  dynamoauth example ready: ${url}\n`)

// A table name and a region mean "my table in AWS". AWS keys alone do not: many machines
// have them set for other work. Half a configuration is reported, not silently replaced by
// DynamoDB Local.
function awsConfigured(env: NodeJS.ProcessEnv): boolean {
  if (!env.DYNAMOAUTH_TABLE || !env.AWS_REGION) return false
  const missing = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"].filter((n) => !env[n])
  if (missing.length) throw new Error(`Using DYNAMOAUTH_TABLE in AWS needs ${missing.join(", ")}`)
  return true
}
