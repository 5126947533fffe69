/**
 * `pnpm --filter @dynamoauth/bench budget:repeat [runs]` (default 20): runs the workerd CPU
 * budget that many times in a row, each in a fresh process with its own workerd as the test
 * command runs it, and prints each run's ratio, interval and verdict, then whether every run
 * gave the same verdict. One DynamoDB Local serves every run (its CPU is not measured). Meant
 * for an idle machine: CPU ratios measured beside other work say little. Exits 1 unless every
 * run passed.
 */
import { spawnSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { SHARED_ENDPOINT_ENV, startDynamoDBLocal } from "@dynamoauth/testing/dynamodb-local"

const runs = Number(process.argv[2] ?? 20)
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`budget:repeat: runs must be a positive whole number, not ${process.argv[2]}`)
  process.exit(2)
}
const budget = fileURLToPath(new URL("./budget.ts", import.meta.url))
const x = (n: number) => `${n.toFixed(2)}×`

const db = await startDynamoDBLocal()
const results: { ratio: number; pass: boolean }[] = []
try {
  for (let run = 1; run <= runs; run++) {
    const started = Date.now()
    const child = spawnSync(process.execPath, ["--import", "tsx", budget, "--json"], {
      encoding: "utf8",
      env: { ...process.env, [SHARED_ENDPOINT_ENV]: db.endpoint },
    })
    const line = child.stdout.trim().split("\n").at(-1) ?? ""
    let r: Record<string, number | string | boolean>
    try {
      r = JSON.parse(line)
    } catch {
      console.error(`run ${run}: no result (exit ${child.status})\n${child.stderr}`)
      process.exitCode = 1
      continue
    }
    results.push({ ratio: r.ratio as number, pass: r.pass as boolean })
    const seconds = Math.round((Date.now() - started) / 1000)
    console.log(
      `run ${String(run).padStart(2)}/${runs}: ${x(r.ratio as number)} [95% ${x(r.low as number)}–${x(r.high as number)}; middle half ${x(r.q1 as number)}–${x(r.q3 as number)}] ${r.rounds} rounds, ${Math.round(r.warmMicros as number)} ÷ ${Math.round(r.floorMicros as number)} µs, ${seconds}s: ${r.pass ? "pass" : "FAIL"} (by the ${r.decidedBy})`,
    )
  }
} finally {
  await db.stop()
}

const passed = results.filter((r) => r.pass).length
const ratios = results.map((r) => r.ratio)
if (results.length === 0) {
  console.error("\nno run gave a result")
  process.exit(1)
}
console.log(
  `\n${results.length} runs: ${passed} passed, ${results.length - passed} failed; ratios ${x(Math.min(...ratios))}–${x(Math.max(...ratios))}; ${passed === results.length || passed === 0 ? "the same verdict every run" : "VERDICTS DIFFER"}`,
)
if (passed < runs) process.exitCode = 1
