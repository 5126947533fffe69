import { mkdtemp, readdir, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { materializeDir } from "./atomic-dir.js"
import { dynamoDBLocalCacheDir } from "./repo-root.js"
import { runCommand } from "./run-command.js"

/**
 * AWS's DynamoDB Local (1.25.1) reaches us inside this npm package's `emulator/` folder. Only the
 * tarball is fetched (`npm pack`), never its dependency tree; npm checks the tarball against the
 * registry's integrity hash.
 */
export const DYNAMODB_LOCAL_PACKAGE = "amplify-dynamodb-simulator@2.9.30"

export const DYNAMODB_LOCAL_JAR = "DynamoDBLocal.jar"
export const DYNAMODB_LOCAL_LIB = "DynamoDBLocal_lib"

let pending: Promise<{ dir: string }> | undefined

/**
 * Makes sure DynamoDB Local is unpacked in `<repo root>/.cache/dynamodb-local/`, downloading it on
 * first use (56 MB). Returns the folder holding `DynamoDBLocal.jar` and `DynamoDBLocal_lib/`.
 * Safe to call from several processes at once.
 */
export function ensureDynamoDBLocal(): Promise<{ dir: string }> {
  pending ??= install().catch((error: unknown) => {
    pending = undefined
    throw error
  })
  return pending
}

async function install(): Promise<{ dir: string }> {
  const version = DYNAMODB_LOCAL_PACKAGE.replace(/^.*@/, "")
  const target = join(dynamoDBLocalCacheDir(), `simulator-${version}`)
  const dir = await materializeDir(target, DYNAMODB_LOCAL_JAR, async (tmp) => {
    const download = await mkdtemp(join(tmpdir(), "dynamoauth-ddb-local-"))
    try {
      await runCommand(
        "npm",
        [
          "pack",
          DYNAMODB_LOCAL_PACKAGE,
          "--ignore-scripts",
          "--silent",
          "--pack-destination",
          download,
        ],
        { cwd: download, what: "ensureDynamoDBLocal (npm pack)" },
      )
      const tarball = (await readdir(download)).find((name) => name.endsWith(".tgz"))
      if (!tarball) throw new Error("ensureDynamoDBLocal: npm pack produced no tarball")
      // --strip-components=2 turns package/emulator/X into X.
      await runCommand(
        "tar",
        ["-xzf", join(download, tarball), "-C", tmp, "--strip-components=2", "package/emulator/"],
        { cwd: download, what: "ensureDynamoDBLocal (tar)" },
      )
    } finally {
      await rm(download, { recursive: true, force: true })
    }
  })
  return { dir }
}
