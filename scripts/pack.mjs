#!/usr/bin/env node
// Packs every publishable package (packages/* that are not private) as `pnpm publish` would
// (publishConfig applied, workspace:* replaced by versions) into one folder, default
// .cache/tarballs/, and prints the tarballs' paths, one a line. Build first (`pnpm build`).
//
//   node scripts/pack.mjs [folder]
import { execFileSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..")

/** The publishable packages: folder and manifest. */
export function publishablePackages() {
  return readdirSync(join(root, "packages"))
    .map((name) => join(root, "packages", name))
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
    .filter(({ manifest }) => !manifest.private)
}

/** Packs them into `into` (emptied first); returns `{ name: tarball path }`. */
export function packAll(into) {
  rmSync(into, { recursive: true, force: true })
  mkdirSync(into, { recursive: true })
  const tarballs = {}
  for (const { dir, manifest } of publishablePackages()) {
    if (!existsSync(join(dir, "dist"))) {
      throw new Error(`pack: ${manifest.name} has no dist/ (run \`pnpm build\` first)`)
    }
    const before = new Set(readdirSync(into))
    pnpm(["pack", "--pack-destination", into], dir)
    const tarball = readdirSync(into).find((f) => !before.has(f) && f.endsWith(".tgz"))
    if (!tarball) throw new Error(`pack: pnpm pack wrote no tarball for ${manifest.name}`)
    tarballs[manifest.name] = join(into, tarball)
  }
  return tarballs
}

/** Runs the pnpm that runs this script (npm_execpath) when there is one, else the pinned one. */
export function pnpm(args, cwd) {
  const execpath = process.env.npm_execpath
  const [cmd, pre] = execpath?.includes("pnpm")
    ? [process.execPath, [execpath]]
    : ["npx", ["-y", "pnpm@10.34.9"]]
  execFileSync(cmd, [...pre, ...args], { cwd, stdio: ["ignore", "ignore", "inherit"] })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const tarballs = packAll(resolve(process.argv[2] ?? join(root, ".cache", "tarballs")))
  console.log(Object.values(tarballs).join("\n"))
}
