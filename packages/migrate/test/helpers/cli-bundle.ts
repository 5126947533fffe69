/**
 * vitest global setup: the `dynamoauth` CLI built once per run into one plain
 * JavaScript file (esbuild, from the same sources as `dist/`, the AWS SDK left
 * as a dependency), so each test that spawns the CLI starts Node on it
 * instead of compiling the TypeScript sources through tsx every time. The
 * installed tarball's bin is tested in runtime-tests/node/cli.test.ts, and a
 * checkout's bin (sources through tsx) there too.
 */
import { mkdirSync, renameSync } from "node:fs"
import { dirname } from "node:path"
import { fileURLToPath } from "node:url"
import { build } from "esbuild"

/** Inside the package, so the bundle resolves the AWS SDK from the package's node_modules. */
export const CLI_BUNDLE = fileURLToPath(new URL("../../.cache/cli/main.mjs", import.meta.url))
const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url))

export default async function setup(): Promise<void> {
  mkdirSync(dirname(CLI_BUNDLE), { recursive: true })
  // Written beside and renamed: a run on another Node line may be reading the last one.
  const temporary = `${CLI_BUNDLE}.${process.pid}.tmp.mjs`
  await build({
    entryPoints: [MAIN],
    outfile: temporary,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: ["@aws-sdk/*"],
    logLevel: "warning",
  })
  renameSync(temporary, CLI_BUNDLE)
}
