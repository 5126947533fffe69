/**
 * Runs a command once on each other Node line of the test matrix (Node 22 and 24, less the one
 * running this), one after another, with that Node first on PATH, so `vitest` and `node` in the
 * command are that Node. A package's `test:node-matrix` script runs what can behave differently
 * on another Node version through it:
 *
 *   node --import tsx ../testing/src/runtimes/matrix.ts vitest run test/cli.test.ts
 *
 * Exits non-zero when any line fails (after running them all).
 */
import { spawn } from "node:child_process"
import { delimiter, dirname } from "node:path"
import { ensureRuntime, type RuntimeKey } from "./index.js"

/** The Node lines the test command runs besides the machine's own (scripts/test.mjs). */
const MATRIX: readonly RuntimeKey[] = ["node22", "node24"]

const [command, ...args] = process.argv.slice(2)
if (!command) {
  console.error("node-matrix: name the command to run on each other Node line")
  process.exit(2)
}

const own = `node${process.versions.node.split(".")[0]}`
const failed: string[] = []
for (const key of MATRIX.filter((k) => k !== own)) {
  const binary = await ensureRuntime(key)
  console.log(`\n--- node-matrix: ${key} (${binary}): ${command} ${args.join(" ")}\n`)
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(command, args, {
      stdio: "inherit",
      env: { ...process.env, PATH: `${dirname(binary)}${delimiter}${process.env.PATH}` },
    })
    child.once("error", (error) => {
      console.error(`node-matrix: ${command} did not start on ${key}: ${error.message}`)
      resolve(1)
    })
    child.once("close", resolve)
  })
  if (code !== 0) failed.push(`${key} (exit ${code})`)
}
if (failed.length) {
  console.error(`node-matrix: failed on ${failed.join(", ")}`)
  process.exit(1)
}
