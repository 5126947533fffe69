#!/usr/bin/env node
// Checks what `pnpm publish` would ship for the package in the current folder:
// packs it (publishConfig applied), checks that the npm page and the licence ship with it (pnpm
// packs the root LICENSE into a package that has none), then
// runs publint and arethetypeswrong on the tarball.
import { execFileSync } from "node:child_process"
import { mkdtempSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const dir = mkdtempSync(join(tmpdir(), "dynamoauth-pack-"))
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"] })
try {
  // The pnpm that runs this script (npm_execpath), so publishConfig is applied as on publish.
  const pnpm = process.env.npm_execpath
  if (pnpm?.includes("pnpm")) run(process.execPath, [pnpm, "pack", "--pack-destination", dir])
  else run("npx", ["-y", "pnpm@10.34.9", "pack", "--pack-destination", dir])
  const tarball = join(
    dir,
    readdirSync(dir).find((f) => f.endsWith(".tgz")),
  )
  const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n")
  const missing = ["package/README.md", "package/LICENSE"].filter((f) => !files.includes(f))
  if (missing.length) throw new Error(`${tarball} lacks ${missing.join(", ")}`)
  run("publint", ["run", tarball, "--strict"])
  run("attw", [tarball, "--profile", "esm-only"])
} finally {
  rmSync(dir, { recursive: true, force: true })
}
