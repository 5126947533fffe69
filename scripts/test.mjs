#!/usr/bin/env node
// The root test command (`pnpm test`), in two timed stages:
//   1. checks and tests: lint, typecheck, check:publish, every package's `test` (real DynamoDB
//      Local, workerd, Chromium, Bun, Deno, the Edge Runtime) on this machine's Node — every test
//      runs here once — and `test:node-matrix`, what can behave differently on another Node
//      version, run on each other Node line (22 and 24, fetched into .cache/runtimes/; see
//      packages/testing/src/runtimes/matrix.ts and each package's turbo.json for why it has one).
//      Two turbo runs at once, two tasks each (lanes, below), so the longest tests start first
//      and each package is built once;
//   2. budgets: bundle size and CPU per call in workerd, one at a time with nothing else running,
//      so a CPU ratio is never measured beside another package's tests.
// Then a table of the stages (wall time, CPU time of everything they started, status), the
// longest tasks, and one closing line adding up every vitest report written by this run.
//
// One DynamoDB Local serves the whole command (DYNAMOAUTH_DYNAMODB_ENDPOINT, read by
// @dynamoauth/testing's vitest global setup and by runtime-tests): each package's run would
// otherwise start and warm up a JVM of its own. Run with tsx (`node --import tsx`) for that import.
import { spawn, spawnSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import { SHARED_ENDPOINT_ENV, startDynamoDBLocal } from "@dynamoauth/testing/dynamodb-local"

const started = Date.now()
const turboArgs = ["--continue", "--output-logs=new-only", "--summarize"]

/** @type {{ label: string, ms: number, cpuMs: number | undefined, ok: boolean }[]} */
const stages = []
/** Each turbo task of this run: its id and wall time. */
const tasks = []
const stage = async (label, lanes, { env = process.env } = {}) => {
  console.log(`\n=== ${label}`)
  for (const lane of lanes) console.log(`    turbo run ${lane.args.join(" ")}`)
  const since = Date.now()
  const cpuBefore = childrenCpuMs()
  // Not spawnSync: this process keeps serving DynamoDB Local's output pipes meanwhile.
  const statuses = await Promise.all(
    lanes.map(
      (lane) =>
        new Promise((resolve) => {
          const child = spawn(
            "turbo",
            ["run", ...lane.args, ...turboArgs, ...process.argv.slice(2)],
            {
              stdio: "inherit",
              env,
            },
          )
          child.once("error", () => resolve(1))
          child.once("close", (code) => resolve(code))
        }),
    ),
  )
  const ms = Date.now() - since
  const cpuAfter = childrenCpuMs()
  const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore
  const ok = statuses.every((status) => status === 0)
  stages.push({ label, ms, cpuMs, ok })
  tasks.push(...turboTasks(since))
  console.log(`\n=== ${label}: ${ok ? "ok" : "FAILED"} in ${duration(ms)}`)
}

const db = await startDynamoDBLocal()
const env = { ...process.env, [SHARED_ENDPOINT_ENV]: db.endpoint }

await stage(
  `checks and tests (node ${process.versions.node}, node-matrix on 22 and 24)`,
  lanes(["lint", "typecheck", "test", "check:publish", "test:node-matrix"]),
  { env },
)
await stage("budgets, alone", [{ args: ["budget", "--concurrency=1"] }], { env })

// Every vitest report of this run: <package>/.test-results/vitest-<runtime>.json.
const totals = new Map()
for (const group of ["packages", "apps", "runtime-tests"]) {
  if (!existsSync(group)) continue
  const dirs =
    group === "runtime-tests" ? [group] : readdirSync(group).map((name) => join(group, name))
  for (const dir of dirs) {
    const results = join(dir, ".test-results")
    if (!existsSync(results)) continue
    for (const file of readdirSync(results).filter((f) => f.endsWith(".json"))) {
      const report = join(results, file)
      if (statSync(report).mtimeMs < started) continue
      const json = JSON.parse(readFileSync(report, "utf8"))
      const runtime = file.replace(/^vitest-?/, "").replace(/\.json$/, "") || "node"
      const sum = totals.get(runtime) ?? { passed: 0, failed: 0, skipped: 0 }
      sum.passed += json.numPassedTests
      sum.failed += json.numFailedTests
      sum.skipped += json.numPendingTests + (json.numTodoTests ?? 0)
      totals.set(runtime, sum)
    }
  }
}

await db.stop()
console.log("\nStages:")
const width = Math.max(...stages.map((s) => s.label.length))
console.log(`  ${"stage".padEnd(width)}  ${"time".padStart(7)}  ${"cpu".padStart(7)}  status`)
for (const s of stages) {
  const cpu = s.cpuMs === undefined ? "" : duration(s.cpuMs)
  console.log(
    `  ${s.label.padEnd(width)}  ${duration(s.ms).padStart(7)}  ${cpu.padStart(7)}  ${s.ok ? "ok" : "FAILED"}`,
  )
}
// After db.stop(), so the shared DynamoDB Local's CPU (serving every stage) is counted here.
const allCpu = childrenCpuMs()
console.log(
  `  ${"all".padEnd(width)}  ${duration(Date.now() - started).padStart(7)}  ${allCpu === undefined ? "" : duration(allCpu).padStart(7)}`,
)

console.log("\nLongest tasks:")
for (const t of tasks.sort((a, b) => b.ms - a.ms).slice(0, 12)) {
  console.log(`  ${duration(t.ms).padStart(7)}  ${t.id}`)
}

let passed = 0
let failed = 0
let skipped = 0
console.log("\nTests by runtime:")
for (const [runtime, sum] of [...totals].sort()) {
  console.log(`  ${runtime.padEnd(22)} ${sum.passed} passed, ${sum.failed} failed`)
  passed += sum.passed
  failed += sum.failed
  skipped += sum.skipped
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`)
const stageFailed = stages.some((s) => !s.ok)
process.exit(stageFailed || failed > 0 ? 1 : passed === 0 ? 1 : 0)

function duration(ms) {
  const s = Math.round(ms / 1000)
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`
}

/**
 * CPU time (user + system) of every process this one started and waited for, and theirs in
 * turn (Linux: /proc/self/stat cutime + cstime), in ms; undefined elsewhere.
 */
function childrenCpuMs() {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8")
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    // Fields 16 and 17 of proc(5), counted from 1 (pid, comm, state come first), in clock ticks.
    const ticks = Number(fields[13]) + Number(fields[14])
    return (ticks * 1000) / clockTicksPerSecond()
  } catch {
    return undefined
  }
}

function clockTicksPerSecond() {
  clockTicksPerSecond.value ??=
    Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100
  return clockTicksPerSecond.value
}

/**
 * The tasks of `names` in two turbo runs (lanes) of two tasks at a time. One turbo run queues its
 * tasks in no order we choose: those that wait for nothing (lint, typecheck, most packages'
 * tests) took every slot first, and the longest tests, which wait for builds (the runtime
 * matrix, better-auth-versions, frameworks-tests, the example), started last and ran on alone
 * at the end. Here those that wait for a build run in one lane, with the builds (so each
 * package is still built once), and start as soon as their builds are done; the rest run in the
 * other lane from the start.
 */
function lanes(names) {
  const dry = spawnSync("turbo", ["run", ...names, "--dry=json", ...process.argv.slice(2)], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  })
  if (dry.status !== 0) throw new Error(`turbo run --dry=json failed:\n${dry.stderr}`)
  const planned = JSON.parse(dry.stdout).tasks
  const real = new Set(planned.filter((t) => t.command !== "<NONEXISTENT>").map((t) => t.taskId))
  const wanted = planned.filter((t) => real.has(t.taskId) && names.includes(t.task))
  const waits = (t) => t.dependencies.some((id) => real.has(id))
  return [wanted.filter(waits), wanted.filter((t) => !waits(t))]
    .filter((lane) => lane.length)
    .map((lane) => ({ args: [...lane.map((t) => t.taskId), "--concurrency=2"] }))
}

/** The tasks of the turbo runs that started at or after `since` (their --summarize files). */
function turboTasks(since) {
  const dir = join(".turbo", "runs")
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).mtimeMs >= since)
    .flatMap((f) => JSON.parse(readFileSync(f, "utf8")).tasks)
    .filter((t) => t.execution?.endTime)
    .map((t) => ({ id: t.taskId, ms: t.execution.endTime - t.execution.startTime }))
}
