import { createHash } from "node:crypto"
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { mkdir, readdir, rm, writeFile } from "node:fs/promises"
import { join, relative } from "node:path"
import { materializeDir, pruneOtherEntries } from "../dynamodb-local/atomic-dir.js"
import { findRepoRoot } from "../dynamodb-local/repo-root.js"
import { runCommand } from "../dynamodb-local/run-command.js"

/** The pnpm the repo pins (package.json `packageManager`), as CI runs it. */
const PINNED_PNPM = "pnpm@10.34.9"

/**
 * Runs pnpm: the one running this process (`npm_execpath`, e.g. under `pnpm test`) when there
 * is one, which saves an npx start-up per call, else the pinned one through npx.
 */
export function pnpm(args: readonly string[], cwd: string, what: string): Promise<string> {
  const execpath = process.env.npm_execpath
  return execpath?.includes("pnpm")
    ? runCommand(process.execPath, [execpath, ...args], { cwd, what })
    : runCommand("npx", ["-y", PINNED_PNPM, ...args], { cwd, what })
}

/** Name → folder of each publishable package: the folders of packages/ not marked private. */
export function publishablePackages(root = findRepoRoot()): Map<string, string> {
  const found = new Map<string, string>()
  for (const name of readdirSync(join(root, "packages")).sort()) {
    const dir = join(root, "packages", name)
    if (!existsSync(join(dir, "package.json"))) continue
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))
    if (!manifest.private) found.set(manifest.name, dir)
  }
  return found
}

/**
 * Packs every publishable package into `into` (emptied first) as `pnpm publish` would upload
 * it: publishConfig applied, `workspace:*` replaced by versions. Each `dist/` must be built
 * (turbo's `^build`, or `pnpm build`). Returns name → tarball path.
 */
export async function packWorkspacePackages(into: string): Promise<Record<string, string>> {
  await rm(into, { recursive: true, force: true })
  await mkdir(into, { recursive: true })
  const tarballs: Record<string, string> = {}
  for (const [name, dir] of publishablePackages()) {
    if (!existsSync(join(dir, "dist"))) {
      throw new Error(`packWorkspacePackages: ${name} has no dist/ (run \`pnpm build\` first)`)
    }
    const before = new Set(await readdir(into))
    await pnpm(["pack", "--pack-destination", into], dir, `pnpm pack ${name}`)
    const tarball = (await readdir(into)).find((f) => f.endsWith(".tgz") && !before.has(f))
    if (!tarball) throw new Error(`packWorkspacePackages: pnpm pack ${name} wrote no tarball`)
    tarballs[name] = join(into, tarball)
  }
  return tarballs
}

/** Written last into a cached folder: name → tarball file name. Its presence marks it complete. */
const INDEX = "tarballs.json"

/**
 * The tarballs of the current build, packed at most once per build: in
 * `<repo>/.cache/packed/<key>/`, keyed by a hash of everything a tarball is made of. So the
 * runtime matrix and frameworks-tests, and the test command's later passes on other Node
 * versions, share one packing; a rebuilt `dist/` gets a new key, never a stale tarball. Safe
 * from several processes at once (built aside, renamed into place). Returns name → tarball
 * path for `only` those packages, default all.
 */
export async function packedTarballs(only?: readonly string[]): Promise<Record<string, string>> {
  const packages = publishablePackages()
  const unknown = only?.filter((name) => !packages.has(name)) ?? []
  if (unknown.length) {
    throw new Error(`packedTarballs: not a publishable package: ${unknown.join(", ")}`)
  }
  const cache = join(findRepoRoot(), ".cache", "packed")
  const key = packKey([...packages.values()])
  const dir = await materializeDir(join(cache, key), INDEX, async (tmp) => {
    const tarballs = await packWorkspacePackages(tmp)
    const index = Object.fromEntries(
      Object.entries(tarballs).map(([name, path]) => [name, relative(tmp, path)]),
    )
    await writeFile(join(tmp, INDEX), JSON.stringify(index))
  })
  await pruneOtherEntries(cache, key)
  const index: Record<string, string> = JSON.parse(readFileSync(join(dir, INDEX), "utf8"))
  return Object.fromEntries(
    Object.entries(index)
      .filter(([name]) => !only || only.includes(name))
      .map(([name, file]) => [name, join(dir, file)]),
  )
}

/**
 * A hash of what `pnpm pack` reads from each package folder: package.json (publishConfig and
 * the versions `workspace:*` becomes), the files npm always ships, and every `files` entry,
 * plus the pnpm that packs. Globs in `files` are refused: the key could then miss a file.
 */
export function packKey(dirs: readonly string[]): string {
  const hash = createHash("sha256").update(PINNED_PNPM)
  const add = (dir: string, path: string) => {
    const full = join(dir, path)
    if (!existsSync(full)) return
    if (statSync(full).isDirectory()) {
      for (const entry of readdirSync(full).sort()) add(dir, join(path, entry))
    } else {
      hash.update(`\0${full}\0`).update(readFileSync(full))
    }
  }
  for (const dir of dirs) {
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))
    if (!manifest.files) throw new Error(`packKey: ${dir}: package.json has no "files"`)
    const always = readdirSync(dir).filter((f) => /^(readme|license|licence|changelog)/i.test(f))
    const files: string[] = (manifest.files ?? []).filter((f: string) => !f.startsWith("!"))
    const glob = files.find((f) => /[*?[{]/.test(f))
    if (glob) throw new Error(`packKey: ${dir}: a glob in "files" (${glob}) is not supported`)
    for (const path of ["package.json", ...always.sort(), ...files]) add(dir, path)
  }
  return hash.digest("hex").slice(0, 16)
}
