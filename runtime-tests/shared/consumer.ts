/**
 * A scratch app that installs dynamoauth as a user does: from the packed tarballs (publishConfig
 * applied), in a temp folder outside the workspace, so nothing can resolve to the workspace's
 * sources. A broken `exports` map, a file missing from `files` or a `.ts` import left in `dist`
 * then fails the runtime matrix. Node only (run.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { packAll, pnpm } from "../../scripts/pack.mjs"

const repoRoot = fileURLToPath(new URL("../..", import.meta.url))

/** What the test files import from the consumer, each through `entries/<slug>.mjs`. */
export const INSTALLED = [
  "@dynamoauth/adapter-node",
  "@dynamoauth/adapter-edge",
  "@aws-sdk/client-dynamodb",
  "@aws-sdk/lib-dynamodb",
] as const

export type InstalledName = (typeof INSTALLED)[number]

/** `@dynamoauth/adapter-node` → `dynamoauth-adapter-node` */
export const slug = (name: string) => name.replace(/^@/, "").replace("/", "-")

export interface Consumer {
  dir: string
  remove(): void
}

/** Packs the publishable packages and installs them with the AWS SDK into a new temp folder. */
export function installConsumer(): Consumer {
  const dir = mkdtempSync(join(tmpdir(), "dynamoauth-consumer-"))
  try {
    const tarballs = Object.fromEntries(
      Object.entries(packAll(join(dir, "tarballs"))).map(([name, path]) => [name, `file:${path}`]),
    )
    const sdk = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).devDependencies
    const manifest = {
      name: "dynamoauth-consumer",
      private: true,
      type: "module",
      dependencies: {
        ...tarballs,
        "@aws-sdk/client-dynamodb": sdk["@aws-sdk/client-dynamodb"],
        "@aws-sdk/lib-dynamodb": sdk["@aws-sdk/lib-dynamodb"],
      },
      // Their dependencies on each other (`@dynamoauth/core@0.0.0`) come from the tarballs too.
      pnpm: { overrides: tarballs },
    }
    writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`)
    pnpm(["install", "--prefer-offline", "--reporter=silent"], dir)
    mkdirSync(join(dir, "entries"))
    for (const name of INSTALLED) {
      writeFileSync(join(dir, "entries", `${slug(name)}.mjs`), `export * from "${name}"\n`)
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}
