/**
 * The runtime matrix (this package's `test`): packs and installs the publishable packages into a
 * scratch app, starts DynamoDB Local and two fault proxies on this Node, then runs each runtime
 * folder's vitest in that runtime. Runtimes named as arguments, or in DYNAMOAUTH_RUNTIMES
 * (comma-separated), pick folders (default: all; `test:node-matrix`, run on the other Node lines
 * by scripts/test.mjs, names the Node-hosted ones). Exits non-zero when any fails.
 */
import { spawn } from "node:child_process"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { sharedDynamoDBLocal, startDynamoDBLocal } from "@dynamoauth/testing/dynamodb-local"
import { startFaultProxy } from "@dynamoauth/testing/fault-proxy"
import { ensureRuntime } from "@dynamoauth/testing/runtimes"
import type { Runtime } from "./shared/config.js"
import { installConsumer } from "./shared/consumer.js"

const ALL: Runtime[] = ["node", "edge-runtime", "bun", "deno"]
const here = dirname(fileURLToPath(import.meta.url))
const vitest = join(
  dirname(createRequire(import.meta.url).resolve("vitest/package.json")),
  "vitest.mjs",
)

const named = process.argv.slice(2)
const wanted = (named.length ? named : (process.env.DYNAMOAUTH_RUNTIMES?.split(",") ?? ALL)).map(
  (r) => r.trim(),
)
const unknown = wanted.filter((r) => !ALL.includes(r as Runtime))
if (unknown.length) {
  console.error(`runtime-tests: unknown runtime ${unknown.join(", ")} (known: ${ALL.join(", ")})`)
  process.exit(2)
}
const runtimes = wanted as Runtime[]

/** The command that runs vitest's CLI in `runtime`. */
async function launcher(runtime: Runtime): Promise<string[]> {
  switch (runtime) {
    case "node":
    case "edge-runtime":
      return [process.execPath, vitest]
    case "bun":
      // --bun: run vitest (and its test workers) on Bun itself, not on a `node` found on PATH.
      return [await ensureRuntime("bun"), "--bun", vitest]
    case "deno":
      return [await ensureRuntime("deno"), "run", "--allow-all", vitest]
  }
}

const launchers = await Promise.all(runtimes.map(launcher))
const consumer = await installConsumer()
const db = sharedDynamoDBLocal() ?? (await startDynamoDBLocal())
const proxyForNode = await startFaultProxy({ target: db.endpoint, seed: 7 })
const proxyForEdge = await startFaultProxy({ target: db.endpoint, seed: 11 })

const failed: string[] = []
try {
  for (const [i, runtime] of runtimes.entries()) {
    const [command, ...args] = launchers[i]!
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(command!, [...args, "run", "--config", `${runtime}/vitest.config.ts`], {
        cwd: here,
        stdio: "inherit",
        env: {
          ...process.env,
          DYNAMOAUTH_CONSUMER_DIR: consumer.dir,
          DYNAMOAUTH_DYNAMODB_ENDPOINT: db.endpoint,
          DYNAMOAUTH_PROXY_ADAPTER_NODE: proxyForNode.endpoint,
          DYNAMOAUTH_PROXY_ADAPTER_EDGE: proxyForEdge.endpoint,
        },
      })
      child.once("error", reject)
      child.once("exit", resolve)
    })
    if (code !== 0) failed.push(`${runtime} (exit ${code})`)
  }
} finally {
  await proxyForNode.close()
  await proxyForEdge.close()
  await db.stop()
}
if (failed.length) {
  console.error(`runtime-tests: failed in ${failed.join(", ")}`)
  process.exit(1)
}
