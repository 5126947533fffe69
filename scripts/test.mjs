#!/usr/bin/env node
// The root test command (`pnpm test`), in timed stages:
//   1. checks and tests: turbo runs lint, typecheck, every package's `test` (real DynamoDB Local,
//      workerd, Chromium, Bun, Deno, the Edge Runtime) and check:publish on this machine's Node;
//      every test runs here, once, and a new package's `test` is picked up by turbo;
//   2. budgets: bundle size and CPU per call in workerd, one at a time with nothing else running,
//      so a CPU ratio is never measured beside another package's tests;
//   3. one stage per other Node line of the matrix (fetched into .cache/runtimes/ during stage 1
//      and put first on PATH): turbo runs `test:node-matrix`, the tests that can behave
//      differently on another Node version (each package that has one says why in its
//      turbo.json; see turbo.json).
// Then a table of the stages (wall time, CPU time of everything they started, status) and one
// closing line adding up every vitest report written by this run.
import { spawn, spawnSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { delimiter, dirname, join } from "node:path"

/** The Node lines the matrix runs on besides this one (see packages/testing/src/runtimes). */
const OTHER_NODES = ["node22", "node24"]

const started = Date.now()
const turboArgs = ["--continue", "--output-logs=new-only"]
const ownMajor = process.versions.node.split(".")[0]
const others = OTHER_NODES.filter((key) => key !== `node${ownMajor}`)

// Fetched while the first stage runs (once; later runs find them in .cache/runtimes/).
const fetched = output("node", [
  "--import",
  "tsx",
  "packages/testing/src/runtimes/cli.ts",
  ...others,
])

/** @type {{ label: string, ms: number, cpuMs: number | undefined, ok: boolean }[]} */
const stages = []
const stage = (label, tasks, { env = process.env, concurrency = 2, only = false } = {}) => {
  const args = ["run", ...tasks, `--concurrency=${concurrency}`, ...(only ? ["--only"] : [])]
  console.log(`\n=== ${label}: turbo ${args.join(" ")}\n`)
  const since = Date.now()
  const cpuBefore = childrenCpuMs()
  args.push(...turboArgs)
  const { status } = spawnSync("turbo", [...args, ...process.argv.slice(2)], {
    stdio: "inherit",
    env,
  })
  const ms = Date.now() - since
  const cpuAfter = childrenCpuMs()
  const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore
  stages.push({ label, ms, cpuMs, ok: status === 0 })
  console.log(`\n=== ${label}: ${status === 0 ? "ok" : "FAILED"} in ${duration(ms)}`)
}

stage(`checks and tests, node ${process.versions.node}`, [
  "lint",
  "typecheck",
  "test",
  "check:publish",
])
stage("budgets, alone", ["budget"], { concurrency: 1 })

let binaries = {}
try {
  binaries = JSON.parse(await fetched)
} catch (error) {
  console.error(`\nCould not fetch the other Node versions: ${error.message}`)
  stages.push({ label: "fetch other Node versions", ms: 0, cpuMs: undefined, ok: false })
}
for (const key of others) {
  if (!binaries[key]) continue
  const version = spawnSync(binaries[key], ["--version"], { encoding: "utf8" }).stdout.trim()
  stage(`node-matrix tests, node ${version.slice(1)}`, ["test:node-matrix"], {
    env: { ...process.env, PATH: `${dirname(binaries[key])}${delimiter}${process.env.PATH}` },
    // The packages were built by the first stage: the tests alone.
    only: true,
  })
}

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

console.log("\nStages:")
const width = Math.max(...stages.map((s) => s.label.length))
console.log(`  ${"stage".padEnd(width)}  ${"time".padStart(7)}  ${"cpu".padStart(7)}  status`)
for (const s of stages) {
  const cpu = s.cpuMs === undefined ? "" : duration(s.cpuMs)
  console.log(
    `  ${s.label.padEnd(width)}  ${duration(s.ms).padStart(7)}  ${cpu.padStart(7)}  ${s.ok ? "ok" : "FAILED"}`,
  )
}
console.log(`  ${"all".padEnd(width)}  ${duration(Date.now() - started).padStart(7)}`)

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

/** A command's standard output, once it succeeds. */
function output(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"] })
    let out = ""
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      out += chunk
    })
    child.once("error", reject)
    child.once("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} exited with ${code}`)),
    )
  })
}
