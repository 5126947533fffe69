import { createHash } from "node:crypto"
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { materializeDir } from "./atomic-dir.js"
import { DYNAMODB_LOCAL_JAR } from "./ensure.js"
import { dynamoDBLocalCacheDir } from "./repo-root.js"
import { runCommand } from "./run-command.js"

export const LAUNCHER_CLASS = "LoopbackDynamoDBLocal"

const LAUNCHER_SOURCE = fileURLToPath(new URL(`../../java/${LAUNCHER_CLASS}.java`, import.meta.url))

/** DynamoDB Local 1.25 itself needs Java 11 or later. */
const JAVA_RELEASE = "11"

const pending = new Map<string, Promise<string>>()

/**
 * Compiles the loopback launcher (java/LoopbackDynamoDBLocal.java) against `dynamoDBLocalDir`'s
 * jar, once: the class lands in a cache folder named after the source's hash, so an edited
 * launcher is recompiled and an unchanged one never is. Returns that folder (a classpath entry).
 */
export function ensureLauncher(dynamoDBLocalDir: string): Promise<string> {
  let result = pending.get(dynamoDBLocalDir)
  if (!result) {
    result = compile(dynamoDBLocalDir).catch((error: unknown) => {
      pending.delete(dynamoDBLocalDir)
      throw error
    })
    pending.set(dynamoDBLocalDir, result)
  }
  return result
}

async function compile(dynamoDBLocalDir: string): Promise<string> {
  const source = await readFile(LAUNCHER_SOURCE)
  const hash = createHash("sha256")
    .update(source)
    .update(dynamoDBLocalDir)
    .digest("hex")
    .slice(0, 16)
  const target = join(dynamoDBLocalCacheDir(), `launcher-${hash}`)
  return materializeDir(target, `${LAUNCHER_CLASS}.class`, async (tmp) => {
    await runCommand(
      "javac",
      [
        "--release",
        JAVA_RELEASE,
        "-cp",
        join(dynamoDBLocalDir, DYNAMODB_LOCAL_JAR),
        "-d",
        tmp,
        LAUNCHER_SOURCE,
      ],
      { cwd: tmp, what: "ensureLauncher (javac)" },
    )
  })
}
