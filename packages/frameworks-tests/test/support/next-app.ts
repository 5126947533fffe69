/**
 * Builds a Next.js app with a given Next.js (`next build`) and serves it (`next start`) on
 * 127.0.0.1, for tests over HTTP. The app is built in a folder whose `node_modules` links
 * exactly the packages given (so the app's `next/server` is that Next.js, whatever the
 * workspace pins). Each run serves its own copy of the build, so concurrent runs never share one.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { createHash } from "node:crypto"
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs"
import { rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join, sep } from "node:path"
import { findRepoRoot, materializeDir, pruneOtherEntries } from "@dynamoauth/testing/cache"
import { freePort } from "@dynamoauth/testing/dynamodb-local"
import { packKey } from "@dynamoauth/testing/packed"

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

/** Written beside the build: what `next build` printed. Its presence marks the build complete. */
const BUILD_LOG = "next-build.log"

/**
 * Copies the app in `source` to a folder, links `packages` (name to directory; `next` among
 * them) into its `node_modules` and runs that `next build` there, at most once per content:
 * the build is kept in `<repo>/.cache/next-builds/<key>/`, keyed by the app's files and the
 * packages linked (see `buildKey`). The test command's later stages on other Node versions
 * then serve the same build: what they test, `next start` running it, is what differs by Node
 * version. Returns a fresh copy of the build for this run.
 */
export async function buildNextApp(
  source: string,
  packages: Record<string, string>,
): Promise<BuiltApp> {
  const cache = join(findRepoRoot(), ".cache", "next-builds")
  const key = buildKey(source, packages)
  const cached = await materializeDir(join(cache, key), BUILD_LOG, async (tmp) => {
    cpSync(source, tmp, { recursive: true })
    for (const [name, target] of Object.entries(packages)) {
      const link = join(tmp, "node_modules", name)
      mkdirSync(dirname(link), { recursive: true })
      symlinkSync(target, link, "dir")
    }
    const build = run(tmp, ["build"], {})
    const code = await new Promise<number | null>((resolve) => build.child.on("close", resolve))
    if (code !== 0) throw new Error(`next build exited with ${code}:\n${build.output()}`)
    writeFileSync(join(tmp, BUILD_LOG), build.output())
  })
  await pruneOtherEntries(cache, key)
  const dir = mkdtempSync(join(tmpdir(), "dynamoauth-next-app-"))
  // Symbolic links stay links: node_modules still points at the packages.
  cpSync(cached, dir, { recursive: true, verbatimSymlinks: true })
  return {
    dir,
    output: readFileSync(join(cached, BUILD_LOG), "utf8"),
    remove: () => rm(dir, { recursive: true, force: true }),
  }
}

/**
 * A hash of everything the build is made of: the app's files, and each linked package — a
 * workspace package by what it ships (`packKey`: its sources and package.json), an installed
 * one by its folder, whose path in pnpm's store names its version.
 */
function buildKey(source: string, packages: Record<string, string>): string {
  const hash = createHash("sha256")
  const addTree = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) addTree(join(path, entry))
    } else {
      hash.update(`\0${path}\0`).update(readFileSync(path))
    }
  }
  addTree(source)
  for (const [name, dir] of Object.entries(packages).sort(([a], [b]) => a.localeCompare(b))) {
    const installed = dir.includes(`${sep}node_modules${sep}`)
    hash.update(`\0${name}\0`).update(installed ? dir : packKey([dir]))
  }
  return hash.digest("hex").slice(0, 16)
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
