/**
 * @dynamoauth/testing/packed — the packages as users get them: `pnpm pack` (publishConfig
 * applied, `workspace:*` rewritten) into a folder, then a scratch consumer that installs the
 * tarballs with a plain `npm install`, so a broken `exports` map, a file missing from `files`
 * or a peer range npm cannot satisfy fails the test. Node only.
 *
 * ```ts
 * const tarballs = await packWorkspacePackages(["@dynamoauth/core", "@dynamoauth/adapter-node"], dir)
 * const app = await createConsumer({ dir: join(dir, "v4"), tarballs, dependencies: { "next-auth": "4.24.15" }, files })
 * ```
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { findRepoRoot } from "../dynamodb-local/repo-root.js"
import { runCommand } from "../dynamodb-local/run-command.js"

/** The pnpm the repo pins (package.json `packageManager`), as CI runs it. */
const PNPM = ["-y", "pnpm@10.34.9"]

/** Package name → the workspace folder that holds it. */
function workspacePackages(): Map<string, string> {
  const root = findRepoRoot()
  const found = new Map<string, string>()
  for (const group of ["packages", "apps"]) {
    for (const name of readdirSync(join(root, group))) {
      const dir = join(root, group, name)
      try {
        found.set(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name, dir)
      } catch {
        // Not a package folder.
      }
    }
  }
  return found
}

/**
 * Packs each package (its `dist/` must be built: turbo's `^build`) into `dir`; returns name →
 * tarball path. The tarball is what `pnpm publish` would upload.
 */
export async function packWorkspacePackages(
  names: readonly string[],
  dir: string,
): Promise<Record<string, string>> {
  const packages = workspacePackages()
  mkdirSync(dir, { recursive: true })
  const tarballs: Record<string, string> = {}
  for (const name of names) {
    const source = packages.get(name)
    if (!source) throw new Error(`packWorkspacePackages: no workspace package named ${name}`)
    const before = new Set(readdirSync(dir))
    await runCommand("npx", [...PNPM, "pack", "--pack-destination", dir], {
      cwd: source,
      what: `pnpm pack ${name}`,
    })
    const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz") && !before.has(f))
    if (!tarball) throw new Error(`packWorkspacePackages: pnpm pack ${name} wrote no tarball`)
    tarballs[name] = join(dir, tarball)
  }
  return tarballs
}

export interface ConsumerOptions {
  /** An empty scratch folder (created). */
  dir: string
  /** Our packages as tarballs (from packWorkspacePackages): each becomes a `file:` dependency. */
  tarballs: Record<string, string>
  /** Registry dependencies, exact versions. */
  dependencies: Record<string, string>
  /** Source files of the consumer, path → content (a tsconfig.json among them, for tsc). */
  files: Record<string, string>
  /**
   * Resolve peers as usual (a conflict still fails) but do not write packages that only peers
   * need, e.g. `next` and `react` under next-auth: far less to download and unpack when only
   * types are checked.
   */
  omitPeers?: boolean
}

/**
 * Writes the consumer and runs `npm install` there (no `--legacy-peer-deps`, no install
 * scripts, no optional native binaries), with npm's cache in `<repo>/.cache/npm`. Our tarballs
 * also override any registry copy of our packages, since `workspace:*` packs as `0.0.0`.
 */
export async function createConsumer(options: ConsumerOptions): Promise<{ dir: string }> {
  const { dir } = options
  const ours = Object.fromEntries(
    Object.entries(options.tarballs).map(([name, path]) => [name, `file:${path}`]),
  )
  const manifest = {
    name: "dynamoauth-consumer",
    private: true,
    type: "module",
    dependencies: { ...options.dependencies, ...ours },
    overrides: Object.fromEntries(Object.keys(ours).map((name) => [name, `$${name}`])),
  }
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`)
  for (const [path, content] of Object.entries(options.files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
  const cache = join(findRepoRoot(), ".cache", "npm")
  await runCommand(
    "npm",
    [
      "install",
      "--cache",
      cache,
      "--prefer-offline",
      "--ignore-scripts",
      "--omit=optional",
      ...(options.omitPeers ? ["--omit=peer"] : []),
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
    ],
    { cwd: dir, what: `npm install in ${dir}` },
  )
  return { dir }
}

/** Runs the consumer's TypeScript (`node_modules/typescript`) over its tsconfig.json. */
export function typecheckConsumer(dir: string): Promise<string> {
  return runCommand(process.execPath, [join(dir, "node_modules/typescript/bin/tsc"), "-p", "."], {
    cwd: dir,
    what: `tsc in ${dir}`,
  })
}
