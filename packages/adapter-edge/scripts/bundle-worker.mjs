/**
 * Bundles a Worker the way a user's build would (esbuild, minified, ESM,
 * for workerd; `@auth/core` left external since every Auth.js app already
 * has it) and reports its size. Shared by the size script and the tests.
 */
import { gzipSync } from "node:zlib"
import { build } from "esbuild"

/** Conditions a Workers build resolves with (wrangler's, plus browser). */
export const WORKER_CONDITIONS = ["workerd", "worker", "browser"]

/**
 * A Worker that builds an adapter on the AWS SDK v3 from env bindings and
 * reads a user: the official adapter's (size.mjs) and adapter-node's (the
 * bench) differ only in the package the adapter comes from.
 * @param {string} adapterPackage exports `DynamoDBAdapter(DynamoDBDocument)`
 */
export const sdkWorker = (adapterPackage) => `
import { DynamoDB } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { DynamoDBAdapter } from ${JSON.stringify(adapterPackage)}
export default {
  async fetch(request, env) {
    const client = DynamoDBDocument.from(new DynamoDB({
      region: env.AWS_REGION,
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
    }))
    const adapter = DynamoDBAdapter(client)
    return Response.json(await adapter.getUser(new URL(request.url).searchParams.get("id")))
  },
}`

/**
 * @param {string} source the Worker's entry module
 * @param {string} resolveDir where its imports resolve from
 * @param {{ platform?: "browser" | "neutral", plugins?: import("esbuild").Plugin[] }} [options]
 */
export async function bundleWorker(source, resolveDir, options = {}) {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: "ts" },
    bundle: true,
    write: false,
    minify: true,
    format: "esm",
    platform: options.platform ?? "browser",
    mainFields: ["browser", "module", "main"],
    conditions: WORKER_CONDITIONS,
    target: "es2022",
    external: ["@auth/core", "@auth/core/*"],
    metafile: true,
    plugins: options.plugins ?? [],
    logLevel: "silent",
  })
  const code = /** @type {import("esbuild").OutputFile} */ (result.outputFiles[0]).contents
  return {
    code,
    metafile: result.metafile,
    bytes: code.length,
    // Level 9: the figure a CDN or `gzip -9` gives, and the one budgets quote.
    gzipBytes: gzipSync(code, { level: 9 }).length,
  }
}
