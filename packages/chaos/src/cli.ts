/**
 * `pnpm chaos [--seed 1,2] [--ops 2000] [--target authjs-node] [--actions 60] [--report]`
 * `pnpm chaos --target <name> --actions <n> --replay <seed>:<path>` replays a printed failure.
 *
 * Starts its own DynamoDB Local, runs each target until it made `--ops` calls per seed, prints a
 * line per target and, last, `chaos: <ops> ops, <faults> faults, <checks> checks, <violations>
 * violations` for dynamoauth's adapters; exits 1 on any of their violations. `--report` writes
 * RELIABILITY.md at the repo root (the official adapter's figures beside ours).
 */
import { writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { startDynamoDBLocal } from "@dynamoauth/testing/dynamodb-local"
import { renderReport } from "./report.js"
import { runTarget, TARGETS, type TargetResult } from "./run.js"
import { merge, newTally, sum, type Tally } from "./tally.js"

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "1" },
    ops: { type: "string", default: "2000" },
    target: { type: "string", multiple: true },
    actions: { type: "string", default: "60" },
    replay: { type: "string" },
    report: { type: "boolean", default: false },
  },
})

const seeds = values.seed.split(",").map(Number)
const ops = Number(values.ops)
const maxActions = Number(values.actions)
const targets = values.target?.length
  ? TARGETS.filter((t) => values.target!.includes(t.name))
  : TARGETS
if (!targets.length || seeds.some((s) => !Number.isInteger(s)) || !(ops > 0) || !(maxActions > 0)) {
  console.error(`chaos: bad arguments; targets are ${TARGETS.map((t) => t.name).join(", ")}`)
  process.exit(2)
}
const replay = values.replay
  ? {
      seed: Number(values.replay.split(":")[0]),
      path: values.replay.slice(values.replay.indexOf(":") + 1),
    }
  : undefined

const line = (t: Tally) =>
  `${sum(t.ops)} ops, ${sum(t.faults)} faults, ${t.checks} checks, ${t.violations.length} violations`

const startedAt = new Date()
const started = performance.now()
const db = await startDynamoDBLocal()
const results: TargetResult[] = []
try {
  for (const target of targets) {
    const tally = newTally()
    let result: TargetResult = { target, tally }
    for (const seed of replay ? [0] : seeds) {
      const one = await runTarget(target, {
        endpoint: db.endpoint,
        seed,
        ops,
        maxActions,
        roundRuns: 10,
        replay,
        log: (l) => console.log(l),
      })
      merge(tally, one.tally)
      if (one.failure) {
        result = { ...one, tally }
        console.log(`\n${target.name}: VIOLATION (seed ${one.failure.seed})`)
        for (const v of one.failure.violations) console.log(`  ${v.invariant}: ${v.detail}`)
        console.log(
          `  shortest history (${one.failure.history.length} actions, index lag ${one.failure.conditions.indexLagMs} ms, fault seed ${one.failure.conditions.faultSeed}):`,
        )
        for (const action of one.failure.history) console.log(`    ${action}`)
        console.log(`  replay: ${one.replay}\n`)
        break
      }
    }
    results.push(result)
    console.log(
      `${target.name}${target.enforced ? "" : " (reported, not failed on)"}: ${line(tally)}${tally.reported.length ? `; ${tally.reported.length} more reported, not failed on (${[...new Set(tally.reported.map((v) => v.invariant))].join("; ")})` : ""}`,
    )
    if (values.report) writeReport()
  }
} finally {
  await db.stop()
}

function writeReport() {
  const root = fileURLToPath(new URL("../../../", import.meta.url))
  const command = `pnpm chaos --report --seed ${seeds.join(",")} --ops ${ops}${values.target?.length ? values.target.map((t) => ` --target ${t}`).join("") : ""}`
  writeFileSync(
    `${root}RELIABILITY.md`,
    renderReport({ command, seeds, results, startedAt, wallMs: performance.now() - started }),
  )
}

const ours = newTally()
for (const r of results) if (r.target.enforced) merge(ours, r.tally)
console.log(`chaos: ${line(ours)}`)
process.exitCode = ours.violations.length > 0 ? 1 : 0
