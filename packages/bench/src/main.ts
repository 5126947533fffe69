/**
 * `pnpm bench`: measures the official adapter and ours (node, edge) in one run
 * on one DynamoDB Local and writes BENCHMARKS.md at the repo root.
 * `--quick` takes a few samples only and writes to a scratch file instead
 * (for working on the bench itself; its figures are not worth quoting).
 */
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { createTableInput } from "@dynamoauth/core"
import { startDynamoDBLocal } from "@dynamoauth/testing/dynamodb-local"
import { startFaultProxy } from "@dynamoauth/testing/fault-proxy"
import { rawRequest } from "@dynamoauth/testing/raw-request"
import {
  type BetterAuthFlowResult,
  measureBetterAuthFlows,
  renderBetterAuthSection,
  renderCapacitySection,
  spliceSection,
} from "./better-auth-flows.js"
import { measureBundles } from "./bundle-size.js"
import { measureImports } from "./import-time.js"
import { describeMachine, describeVersions } from "./machine.js"
import { CPU_ROUNDS, measureOperation } from "./measure-operations.js"
import { measureMigration } from "./migration.js"
import { OPERATIONS } from "./operations.js"
import { repoRoot, scratchDir } from "./paths.js"
import { headlines, renderReport } from "./report.js"
import type {
  BenchResults,
  BenchSettings,
  FlowResult,
  MigrationResult,
  OperationResult,
} from "./results.js"
import { FLOW_VARIANTS, measureFlow } from "./sign-in-flow.js"
import { createTargets } from "./targets.js"
import { measureWorkerdCpu, type WorkerdCase } from "./workerd-cpu/measure.js"

const quick = process.argv.includes("--quick")
// The SDK warns about Node 20 once per client; it says nothing about what is measured.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true"

const CPU_CALLS_PER_ROUND = quick ? 2 : 8
const settings: BenchSettings = {
  delayMs: 10,
  latencyCalls: quick ? 3 : 32,
  cpuCalls: CPU_ROUNDS * CPU_CALLS_PER_ROUND,
  flowRuns: quick ? 1 : 9,
  importRuns: quick ? 1 : 9,
}

const log = (message: string) =>
  console.log(`[bench ${elapsed().toFixed(0).padStart(4)} s] ${message}`)
const startedAt = new Date()
const elapsed = () => (Date.now() - startedAt.getTime()) / 1000

/** Single-request operations (plus the cold session check), each on both adapters, and the floor. */
const WORKERD_OPS = [
  "getSessionAndUser (warm)",
  "getSessionAndUser (cold)",
  "getUser",
  "getUserByEmail",
  "updateUser",
  "updateSession (warm)",
  "useVerificationToken",
]
const WORKERD_CASES: WorkerdCase[] = [
  ...WORKERD_OPS.flatMap((op) => [
    { target: "edge" as const, op },
    { target: "official" as const, op },
  ]),
  { target: "floor", op: "GetItem" },
]
const WORKERD_ROUNDS = quick ? 2 : 7
const WORKERD_CALLS_PER_BATCH = quick ? 5 : 32

const operations: OperationResult[] = []
const problems: string[] = []
let workerdCpu: BenchResults["workerdCpu"]
const flows: FlowResult[] = []
let betterAuthFlows: BetterAuthFlowResult | undefined

log("starting DynamoDB Local and the proxy")
const db = await startDynamoDBLocal()
const proxy = await startFaultProxy({ target: db.endpoint })
try {
  const tableName = `bench-${crypto.randomUUID().slice(0, 8)}`
  await rawRequest(db.endpoint, "CreateTable", createTableInput({ tableName }))
  const bench = {
    proxy,
    proxied: createTargets(proxy.endpoint, tableName),
    direct: createTargets(db.endpoint, tableName),
    delayMs: settings.delayMs,
    latencyCalls: settings.latencyCalls,
    cpuCallsPerRound: CPU_CALLS_PER_ROUND,
  }
  for (const op of OPERATIONS) {
    log(op.name)
    operations.push(await measureOperation(op, bench))
  }
  for (const variant of FLOW_VARIANTS) {
    log(`sign-in flow, ${variant.name}`)
    flows.push(
      await measureFlow(variant, bench.proxied, proxy, settings.delayMs, settings.flowRuns),
    )
  }
  log("CPU inside workerd")
  try {
    workerdCpu = {
      rounds: WORKERD_ROUNDS,
      callsPerBatch: WORKERD_CALLS_PER_BATCH,
      cases: await measureWorkerdCpu({
        endpoint: db.endpoint,
        tableName,
        cases: WORKERD_CASES,
        rounds: WORKERD_ROUNDS,
        callsPerBatch: WORKERD_CALLS_PER_BATCH,
        log,
      }),
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    log(`CPU inside workerd failed: ${reason}`)
    problems.push(`CPU inside workerd: ${reason.split("\n")[0]}`)
  }
  log("Better Auth flows")
  betterAuthFlows = await measureBetterAuthFlows(bench.proxied, proxy, tableName)
} finally {
  // Stopped before the import and bundle figures, so the JVM does not compete for the cores.
  await proxy.close()
  await db.stop()
}

/** The figures after the adapters' come from other tools; one failing must not lose the rest. */
async function attempt<T>(label: string, measure: () => Promise<T>, fallback: T): Promise<T> {
  log(label)
  try {
    return await measure()
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    log(`${label} failed: ${reason}`)
    problems.push(`${label}: ${reason.split("\n")[0]}`)
    return fallback
  }
}

const imports = await attempt<BenchResults["imports"]>(
  "cold imports",
  () => measureImports(settings.importRuns),
  {},
)
const bundle = await attempt("bundle sizes", measureBundles, {})
const migration: MigrationResult = quick
  ? { kind: "missing", note: "Skipped (--quick)." }
  : await attempt("migration (packages/migrate bench)", measureMigration, {
      kind: "missing",
      note: "Not measured: migrate's bench could not be run (see the list at the top).",
    })

const results: BenchResults = {
  startedAt: startedAt.toISOString().replace(/\.\d+Z$/, "Z"),
  durationSeconds: elapsed(),
  machine: await describeMachine(),
  versions: await describeVersions(),
  settings,
  operations,
  flows,
  bundle,
  imports,
  migration,
  workerdCpu,
  problems,
}
await mkdir(scratchDir, { recursive: true })
await writeFile(join(scratchDir, "results.json"), `${JSON.stringify(results, null, 2)}\n`)
const out = quick ? join(scratchDir, "BENCHMARKS.quick.md") : join(repoRoot, "BENCHMARKS.md")
const report = renderReport(results)
await writeFile(
  out,
  betterAuthFlows
    ? [renderBetterAuthSection(betterAuthFlows), renderCapacitySection(betterAuthFlows)].reduce(
        spliceSection,
        report,
      )
    : report,
)
log(`wrote ${out}`)
for (const line of headlines(results)) console.log(`- ${line}`)
