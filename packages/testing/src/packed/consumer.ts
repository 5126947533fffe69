import { createHash } from "node:crypto"
import { mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { materializeDir } from "../dynamodb-local/atomic-dir.js"
import { findRepoRoot } from "../dynamodb-local/repo-root.js"
import { runCommand } from "../dynamodb-local/run-command.js"
import { pnpm } from "./pack.js"

export interface ConsumerOptions {
  /** An empty scratch folder (created), outside the workspace. */
  dir: string
  /** Our packages as tarballs (from packedTarballs): each becomes a `file:` dependency. */
  tarballs: Record<string, string>
  /** Registry dependencies, exact versions. Default: none. */
  dependencies?: Record<string, string>
  /** Source files of the consumer, path → content (a tsconfig.json among them, for tsc). */
  files?: Record<string, string>
  /**
   * Which package manager installs: `npm` (default; hoisted node_modules, as most apps) or
   * `pnpm` (each package beside its own dependencies, so an undeclared one fails to resolve).
   */
  installer?: "npm" | "pnpm"
  /**
   * npm only: resolve peers as usual (a conflict still fails) but do not write packages that
   * only peers need, e.g. `next` and `react` under next-auth: far less to download and unpack
   * when only types are checked.
   */
  omitPeers?: boolean
}

/**
 * Writes a consumer app (`type: module`) and installs it. Our tarballs also override any
 * registry copy of our packages (their dependencies on each other, since `workspace:*` packs
 * as `0.0.0`). npm runs with no `--legacy-peer-deps`, no install scripts and no optional
 * native binaries, its cache in `<repo>/.cache/npm`; pnpm builds no dependency by default.
 */
export async function createConsumer(options: ConsumerOptions): Promise<{ dir: string }> {
  const { dir, installer = "npm" } = options
  if (options.omitPeers && installer !== "npm") {
    throw new Error("createConsumer: omitPeers is an npm option (--omit=peer)")
  }
  const ours = Object.fromEntries(
    Object.entries(options.tarballs).map(([name, path]) => [name, `file:${path}`]),
  )
  const manifest = {
    name: "dynamoauth-consumer",
    private: true,
    type: "module",
    dependencies: { ...options.dependencies, ...ours },
    ...(installer === "npm"
      ? { overrides: Object.fromEntries(Object.keys(ours).map((name) => [name, `$${name}`])) }
      : { pnpm: { overrides: ours } }),
  }
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`)
  for (const [path, content] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
  const what = `${installer} install in ${dir}`
  if (installer === "pnpm") {
    await pnpm(["install", "--prefer-offline", "--reporter=silent"], dir, what)
  } else {
    const cache = join(findRepoRoot(), ".cache", "npm")
    const omitPeers = options.omitPeers ? ["--omit=peer"] : []
    const flags = ["--prefer-offline", "--ignore-scripts", "--omit=optional", ...omitPeers]
    const quiet = ["--no-audit", "--no-fund", "--loglevel=error"]
    await runCommand("npm", ["install", "--cache", cache, ...flags, ...quiet], { cwd: dir, what })
  }
  return { dir }
}

/**
 * A consumer installed once per build and set of options, in `<tmp>/dynamoauth-consumers/<key>/`
 * (the key a hash of the options, whose tarball paths name the checkout and the build), so the
 * test command's stages on several Node versions share one install: what is installed
 * (JavaScript, no install scripts) does not depend on the Node that installs it. Outside the
 * repository, so nothing resolves to the workspace's node_modules. Safe from several processes
 * at once. Callers must not write into it. Installs unused for an hour are removed.
 */
export async function cachedConsumer(
  options: Omit<ConsumerOptions, "dir">,
): Promise<{ dir: string }> {
  const root = join(tmpdir(), "dynamoauth-consumers")
  const key = createHash("sha256").update(JSON.stringify(options)).digest("hex").slice(0, 16)
  // Written by both npm and pnpm at the end of an install: its presence marks a complete one.
  const complete = join(
    "node_modules",
    options.installer === "pnpm" ? ".modules.yaml" : ".package-lock.json",
  )
  const dir = await materializeDir(join(root, key), complete, async (tmp) => {
    await createConsumer({ ...options, dir: tmp })
  })
  const now = new Date()
  utimesSync(dir, now, now) // in use: not for another run to remove
  const hourAgo = now.getTime() - 3_600_000
  for (const entry of readdirSync(root)) {
    const path = join(root, entry)
    if (entry !== key && !entry.startsWith(".tmp-") && statSync(path).mtimeMs < hourAgo) {
      rmSync(path, { recursive: true, force: true })
    }
  }
  return { dir }
}

/** Runs the consumer's TypeScript (`node_modules/typescript`) over its tsconfig.json. */
export function typecheckConsumer(dir: string): Promise<string> {
  return runCommand(process.execPath, [join(dir, "node_modules/typescript/bin/tsc"), "-p", "."], {
    cwd: dir,
    what: `tsc in ${dir}`,
  })
}

/**
 * Runs the consumer's vitest (`node_modules/vitest`, its `vitest.config.ts`) once, with `env`
 * added to this process's environment; rejects with the output's tail when a test fails.
 */
export function runConsumerTests(dir: string, env: Record<string, string>): Promise<string> {
  return runCommand(process.execPath, [join(dir, "node_modules/vitest/vitest.mjs"), "run"], {
    cwd: dir,
    what: `vitest in ${dir}`,
    env,
  })
}
