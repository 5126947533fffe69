#!/usr/bin/env node
// The root test command: lint, typecheck, every package's tests (real DynamoDB Local, workerd,
// Chromium, the runtime matrix of runtime-tests/) and publish checks, through turbo on this
// machine's Node; then every package's tests again on each other Node line of the matrix
// (fetched into .cache/runtimes/ and put first on PATH); then one closing line adding up every
// vitest report written by this run.
import { spawn, spawnSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { delimiter, dirname, join } from "node:path"

/** The Node lines the whole suite runs on besides this one (see packages/testing/src/runtimes). */
const OTHER_NODES = ["node22", "node24"]

const started = Date.now()
const turboArgs = ["--continue", "--output-logs=new-only"]
const ownMajor = process.versions.node.split(".")[0]
const others = OTHER_NODES.filter((key) => key !== `node${ownMajor}`)

// Fetched while the first pass runs (once; later runs find them in .cache/runtimes/).
const fetched = output("node", [
  "--import",
  "tsx",
  "packages/testing/src/runtimes/cli.ts",
  ...others,
])

const statuses = []
const pass = (label, tasks, env = process.env, concurrency = 2) => {
  console.log(`\n=== ${label}: turbo run ${tasks.join(" ")}\n`)
  const started = Date.now()
  const args = ["run", ...tasks, `--concurrency=${concurrency}`, ...turboArgs]
  const { status } = spawnSync("turbo", [...args, ...process.argv.slice(2)], {
    stdio: "inherit",
    env,
  })
  console.log(`\n=== ${label}: ${status === 0 ? "ok" : "FAILED"} in ${seconds(started)}`)
  statuses.push(status)
}

pass(`node ${process.versions.node}`, ["lint", "typecheck", "test", "check:publish"])
// Budgets (bundle size, CPU per call in workerd) run one at a time with nothing else running, so
// a CPU ratio is never measured beside another package's tests.
pass("budgets", ["budget"], process.env, 1)

let binaries = {}
try {
  binaries = JSON.parse(await fetched)
} catch (error) {
  console.error(`\nCould not fetch the other Node versions: ${error.message}`)
  statuses.push(1)
}
for (const key of others) {
  if (!binaries[key]) continue
  const version = spawnSync(binaries[key], ["--version"], { encoding: "utf8" }).stdout.trim()
  pass(`node ${version.slice(1)}`, ["test"], {
    ...process.env,
    PATH: `${dirname(binaries[key])}${delimiter}${process.env.PATH}`,
    // Bun and Deno do not depend on the Node version: runtime-tests ran them in the first pass.
    DYNAMOAUTH_RUNTIMES: "node,edge-runtime",
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
let passed = 0
let failed = 0
let skipped = 0
console.log(`\nTests by runtime (${seconds(started)} in all):`)
for (const [runtime, sum] of [...totals].sort()) {
  console.log(`  ${runtime.padEnd(22)} ${sum.passed} passed, ${sum.failed} failed`)
  passed += sum.passed
  failed += sum.failed
  skipped += sum.skipped
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`)
const turboFailed = statuses.some((status) => status !== 0)
process.exit(turboFailed || failed > 0 ? 1 : passed === 0 ? 1 : 0)

function seconds(since) {
  const s = Math.round((Date.now() - since) / 1000)
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`
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
