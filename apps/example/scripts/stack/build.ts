/**
 * Builds the Next.js app and the Worker bundle unless the builds are newer than every source
 * they come from (this app's and the workspace packages'), so a second start is instant.
 * `next build`'s output is kept beside the build (BUILD_LOG) for the test that reads it.
 */
import { spawn } from "node:child_process"
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { APP_DIR, REPO_DIR } from "./paths"

/** What the last `next build` printed (stdout and stderr). */
export const BUILD_LOG = join(APP_DIR, ".next/build-output.log")

const SOURCES = [
  join(APP_DIR, "src"),
  join(APP_DIR, "worker/src"),
  join(APP_DIR, "next.config.ts"),
  join(APP_DIR, "package.json"),
  join(REPO_DIR, "packages/core/src"),
  join(REPO_DIR, "packages/adapter-node/src"),
  join(REPO_DIR, "packages/adapter-edge/src"),
]
const OUTPUTS = [BUILD_LOG, join(APP_DIR, ".next/BUILD_ID"), join(APP_DIR, "worker/dist/worker.js")]

export async function buildIfNeeded(log: (line: string) => void): Promise<boolean> {
  const newestSource = Math.max(...SOURCES.map(newestMtime))
  const oldestOutput = Math.min(
    ...OUTPUTS.map((f) => (existsSync(f) ? statSync(f).mtimeMs : Number.NEGATIVE_INFINITY)),
  )
  if (oldestOutput > newestSource) return false
  await build(log)
  return true
}

/**
 * Builds both, whatever their age: the package's `build` script (scripts/build.ts, which turbo
 * runs before the tests) and buildIfNeeded. Both write BUILD_LOG, so the tests' global setup
 * finds turbo's build fresh instead of building again.
 */
export async function build(log: (line: string) => void): Promise<void> {
  log("Building the app (next build --webpack) and the Worker …")
  const output = await run(process.execPath, [
    join(APP_DIR, "node_modules/next/dist/bin/next"),
    "build",
    "--webpack",
  ])
  // Written last, so it only exists for a build that finished.
  await run(process.execPath, [join(APP_DIR, "scripts/build-worker.mjs")])
  writeFileSync(BUILD_LOG, output)
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** Runs a build step, its output shown as it comes and returned. */
function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: APP_DIR,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    })
    let output = ""
    const show = (stream: NodeJS.WriteStream) => (chunk: string) => {
      output += chunk
      stream.write(chunk)
    }
    child.stdout.setEncoding("utf8").on("data", show(process.stdout))
    child.stderr.setEncoding("utf8").on("data", show(process.stderr))
    child.on("error", reject)
    child.on("close", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${args.join(" ")} exited with ${code}`)),
    )
  })
}
