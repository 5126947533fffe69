/**
 * A scratch app that installs dynamoauth as a user does: the packed tarballs
 * (`@dynamoauth/testing/packed`) with the AWS SDK, installed by pnpm in a temp folder outside
 * the workspace, so nothing can resolve to the workspace's sources. A broken `exports` map, a
 * file missing from `files` or a `.ts` import left in `dist` then fails the runtime matrix.
 * pnpm, not npm: each package sees only its declared dependencies (node/packed.test.ts relies on
 * that layout). Node only (run.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { createConsumer, packedTarballs } from "@dynamoauth/testing/packed"
import { INSTALLED, slug } from "./installed.js"

const repoRoot = fileURLToPath(new URL("../..", import.meta.url))

export interface Consumer {
  dir: string
  remove(): void
}

/** Installs every publishable package and the repo's AWS SDK into a new temp folder. */
export async function installConsumer(): Promise<Consumer> {
  const dir = mkdtempSync(join(tmpdir(), "dynamoauth-consumer-"))
  const remove = () => rmSync(dir, { recursive: true, force: true })
  try {
    const sdk = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).devDependencies
    await createConsumer({
      dir,
      installer: "pnpm",
      tarballs: await packedTarballs(),
      dependencies: {
        "@aws-sdk/client-dynamodb": sdk["@aws-sdk/client-dynamodb"],
        "@aws-sdk/lib-dynamodb": sdk["@aws-sdk/lib-dynamodb"],
      },
      files: Object.fromEntries(
        INSTALLED.map((name) => [`entries/${slug(name)}.mjs`, `export * from "${name}"\n`]),
      ),
    })
  } catch (error) {
    remove()
    throw error
  }
  return { dir, remove }
}
