/**
 * A scratch app that installs dynamoauth as a user does: the packed tarballs
 * (`@dynamoauth/testing/packed`) with the AWS SDK, installed by pnpm in a temp folder outside
 * the workspace (once per build: cachedConsumer), so nothing can resolve to the workspace's sources. A broken `exports` map, a
 * file missing from `files` or a `.ts` import left in `dist` then fails the runtime matrix.
 * pnpm, not npm: each package sees only its declared dependencies (node/packed.test.ts relies on
 * that layout). Node only (run.ts).
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { cachedConsumer, packedTarballs } from "@dynamoauth/testing/packed"
import { INSTALLED, slug } from "./installed.js"

const repoRoot = fileURLToPath(new URL("../..", import.meta.url))

/**
 * Every publishable package and the repo's AWS SDK, installed once per build (cachedConsumer):
 * the test command's stages on Node 22 and 24 reuse the install of the first stage.
 */
export async function installConsumer(): Promise<{ dir: string }> {
  const sdk = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).devDependencies
  return cachedConsumer({
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
}
