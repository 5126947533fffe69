/**
 * `pnpm chaos [--seed 1,2] [--ops 2000] [--better-auth-ops 400] [--target authjs-node] [--actions 60] [--parallel 3] [--report]`
 * `pnpm chaos --target <name> --actions <n> --replay <seed>:<path>` replays a printed failure.
 * `pnpm chaos --report` alone renders RELIABILITY.md from the results saved so far.
 *
 * Starts its own DynamoDB Local, runs each target until it made `--ops` calls per seed (Better
 * Auth targets `--better-auth-ops`, default a fifth: each of its calls is several requests),
 * prints a line per target and, last, `chaos: <ops> ops, <faults> faults, <checks> checks,
 * <violations> violations` for dynamoauth's adapters; exits 1 on any of their violations. Each
 * target and seed run is saved to .chaos/results.jsonl at the repo root; `--report` writes
 * RELIABILITY.md there from every saved run (delete .chaos/ to start over). `--parallel n` runs n
 * rounds of histories at once (default 1; see run.ts).
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { register } from "node:module"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { sharedDynamoDBLocal, startDynamoDBLocal } from "@dynamoauth/testing/dynamodb-local"
import type { SavedRun } from "./report.js"
import type { TargetResult } from "./run.js"
import { merge, newTally, sum, type Tally } from "./tally.js"

// Before the adapter loads: its better-auth is this package's (better-auth/one-better-auth.ts).
register("./better-auth/resolve-hooks.ts", import.meta.url)
const { renderReport } = await import("./report.js")
const { runTarget, TARGETS } = await import("./run.js")

const { values } = parseArgs({
  options: {
    seed: { type: "string" },
    ops: { type: "string" },
    "better-auth-ops": { type: "string" },
    target: { type: "string", multiple: true },
    actions: { type: "string", default: "60" },
    parallel: { type: "string", default: "1" },
    replay: { type: "string" },
    report: { type: "boolean", default: false },
  },
})

const root = fileURLToPath(new URL("../../../", import.meta.url))
const store = `${root}.chaos/results.jsonl`
const reportOnly =
  values.report && values.seed === undefined && values.ops === undefined && !values.target

const line = (t: Tally) =>
  `${sum(t.ops)} ops, ${sum(t.faults)} faults, ${t.checks} checks, ${t.violations.length} violations`

const ours = reportOnly ? undefined : await run()
if (values.report) writeReport()
if (ours) {
  console.log(`chaos: ${line(ours)}`)
  process.exitCode = ours.violations.length > 0 ? 1 : 0
}

async function run(): Promise<Tally> {
  const seeds = (values.seed ?? "1").split(",").map(Number)
  const ops = Number(values.ops ?? 2000)
  const betterAuthOps = Number(values["better-auth-ops"] ?? Math.ceil(ops / 5))
  const maxActions = Number(values.actions)
  const parallel = Number(values.parallel)
  const targets = values.target?.length
    ? TARGETS.filter((t) => values.target!.includes(t.name))
    : TARGETS
  if (
    !targets.length ||
    seeds.some((s) => !Number.isInteger(s)) ||
    !(ops > 0 && betterAuthOps > 0 && maxActions > 0 && Number.isInteger(parallel) && parallel > 0)
  ) {
    console.error(`chaos: bad arguments; targets are ${TARGETS.map((t) => t.name).join(", ")}`)
    process.exit(2)
  }
  const replay = values.replay
    ? {
        seed: Number(values.replay.split(":")[0]),
        path: values.replay.slice(values.replay.indexOf(":") + 1),
      }
    : undefined

  // A DynamoDB Local named by DYNAMOAUTH_DYNAMODB_ENDPOINT (several runs sharing one), else its own.
  const db = sharedDynamoDBLocal() ?? (await startDynamoDBLocal())
  const ours = newTally()
  try {
    for (const target of targets) {
      const tally = newTally()
      const targetOps = target.name.startsWith("better-auth") ? betterAuthOps : ops
      for (const seed of replay ? [0] : seeds) {
        const one = await runTarget(target, {
          endpoint: db.endpoint,
          seed,
          ops: targetOps,
          maxActions,
          roundRuns: 10,
          parallel,
          replay,
          log: (l) => console.log(l),
        })
        merge(tally, one.tally)
        if (!replay) save(one, seed, targetOps, maxActions)
        if (one.failure) {
          printFailure(one)
          break
        }
      }
      if (target.enforced) merge(ours, tally)
      const reported = tally.reported.length
        ? `; ${tally.reported.length} more reported, not failed on (${[...new Set(tally.reported.map((v) => v.invariant))].join("; ")})`
        : ""
      console.log(
        `${target.name}${target.enforced ? "" : " (reported, not failed on)"}: ${line(tally)}${reported}`,
      )
    }
  } finally {
    await db.stop()
  }
  return ours
}

function printFailure(result: TargetResult) {
  const failure = result.failure!
  console.log(`\n${result.target.name}: VIOLATION (seed ${failure.seed})`)
  for (const v of failure.violations) console.log(`  ${v.invariant}: ${v.detail}`)
  console.log(
    `  shortest history (${failure.history.length} actions, index lag ${failure.conditions.indexLagMs} ms, fault seed ${failure.conditions.faultSeed}):`,
  )
  for (const action of failure.history) console.log(`    ${action}`)
  console.log(`  replay: ${result.replay}\n`)
}

function save(result: TargetResult, seed: number, ops: number, maxActions: number) {
  mkdirSync(`${root}.chaos`, { recursive: true })
  const saved: SavedRun = {
    target: result.target.name,
    seed,
    ops,
    maxActions,
    at: new Date().toISOString(),
    tally: result.tally,
    ...(result.replay ? { replay: result.replay } : {}),
  }
  appendFileSync(store, `${JSON.stringify(saved)}\n`)
}

function writeReport() {
  let text = ""
  try {
    text = readFileSync(store, "utf8")
  } catch {
    console.error(`chaos: no saved runs in ${store}; run pnpm chaos first`)
    process.exit(2)
  }
  const runs = text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as SavedRun)
  writeFileSync(`${root}RELIABILITY.md`, renderReport(runs))
  console.log(`chaos: RELIABILITY.md written from ${runs.length} saved runs`)
}
