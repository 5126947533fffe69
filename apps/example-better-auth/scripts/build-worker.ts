/**
 * Bundles the Worker into one ES module for miniflare (`wrangler deploy` would bundle it the
 * same way). The workspace packages export TypeScript source; esbuild compiles it. `node:*`
 * stays external: workerd provides those modules under `nodejs_compat`.
 */
import { join } from "node:path"
import { build } from "esbuild"

export const WORKER_BUNDLE = join(import.meta.dirname, "..", "worker", "dist", "worker.js")

export async function buildWorker(): Promise<string> {
  await build({
    entryPoints: [join(import.meta.dirname, "..", "worker", "src", "index.ts")],
    outfile: WORKER_BUNDLE,
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    external: ["node:*"],
    target: "es2022",
    logLevel: "warning",
  })
  return WORKER_BUNDLE
}
