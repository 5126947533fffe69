#!/usr/bin/env node
// The root test command: lint, typecheck, every package's tests (real DynamoDB
// Local, workerd, Chromium) and publish checks, through turbo; then one closing
// line adding up every vitest report written by this run.
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"

const started = Date.now()
const turbo = spawnSync(
  "turbo",
  [
    "run",
    "lint",
    "typecheck",
    "test",
    "check:publish",
    "--concurrency=2",
    "--continue",
    "--output-logs=new-only",
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
)

let passed = 0
let failed = 0
let skipped = 0
for (const group of ["packages", "apps"]) {
  if (!existsSync(group)) continue
  for (const name of readdirSync(group)) {
    const report = join(group, name, ".test-results", "vitest.json")
    if (!existsSync(report) || statSync(report).mtimeMs < started) continue
    const json = JSON.parse(readFileSync(report, "utf8"))
    passed += json.numPassedTests
    failed += json.numFailedTests
    skipped += json.numPendingTests + (json.numTodoTests ?? 0)
  }
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`)
process.exit(turbo.status !== 0 || failed > 0 ? 1 : passed === 0 ? 1 : 0)
