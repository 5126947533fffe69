/**
 * Builds a Next.js app with a given Next.js (`next build`) and serves it (`next start`) on
 * 127.0.0.1, for tests over HTTP. The app is built in a fresh temporary folder whose
 * `node_modules` links exactly the packages given (so the app's `next/server` is that Next.js,
 * whatever the workspace pins), and concurrent runs never share a build.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs"
import { rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { freePort } from "@dynamoauth/testing/dynamodb-local"

export interface NextApp {
  url: string
  /** What `next start` printed so far. */
  output(): string
  stop(): Promise<void>
}

export interface BuiltApp {
  dir: string
  /** What `next build` printed. */
  output: string
  remove(): Promise<void>
}

/**
 * Copies the app in `source` to a temporary folder, links `packages` (name to directory; `next`
 * among them) into its `node_modules` and runs that `next build` there.
 */
export async function buildNextApp(
  source: string,
  packages: Record<string, string>,
): Promise<BuiltApp> {
  const dir = mkdtempSync(join(tmpdir(), "dynamoauth-next-app-"))
  const remove = () => rm(dir, { recursive: true, force: true })
  cpSync(source, dir, { recursive: true })
  for (const [name, target] of Object.entries(packages)) {
    const link = join(dir, "node_modules", name)
    mkdirSync(dirname(link), { recursive: true })
    symlinkSync(target, link, "dir")
  }
  const build = run(dir, ["build"], {})
  const code = await new Promise<number | null>((resolve) => build.child.on("close", resolve))
  if (code !== 0) {
    await remove()
    throw new Error(`next build exited with ${code}:\n${build.output()}`)
  }
  return { dir, output: build.output(), remove }
}

/** `next start` on a free port, with `env` added to this process's environment. */
export async function startNextApp(appDir: string, env: Record<string, string>): Promise<NextApp> {
  const port = await freePort()
  const server = run(appDir, ["start", "-H", "127.0.0.1", "-p", String(port)], env)
  const url = `http://127.0.0.1:${port}`
  const exited = new Promise<void>((resolve) => server.child.on("close", () => resolve()))
  const stop = async () => {
    server.kill("SIGTERM")
    await exited
    // `next start` serves from a child process; make sure the whole group is gone.
    server.kill("SIGKILL")
  }
  const deadline = Date.now() + 60_000
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`next start exited:\n${server.output()}`)
    if (/Ready in/.test(server.output())) return { url, output: server.output, stop }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`next start was not ready within 60 s:\n${server.output()}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}

function run(appDir: string, args: string[], env: Record<string, string>) {
  const next = join(appDir, "node_modules/next/dist/bin/next")
  const child: ChildProcess = spawn(process.execPath, [next, ...args], {
    cwd: appDir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so that stopping it stops the server process it starts too.
    detached: true,
  })
  let output = ""
  child.stdout?.setEncoding("utf8").on("data", (c: string) => (output += c))
  child.stderr?.setEncoding("utf8").on("data", (c: string) => (output += c))
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal)
    } catch {
      // Already gone.
    }
  }
  // A failed test run must not leave a server behind.
  process.once("exit", () => kill("SIGKILL"))
  return { child, output: () => output, kill }
}
