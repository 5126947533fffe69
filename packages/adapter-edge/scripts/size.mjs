/**
 * Bundle-size budget: a Worker that uses DynamoDBAdapter, bundled with
 * esbuild (minified, `@auth/core` external), must stay at or under
 * BUDGET_GZIP_BYTES gzipped, core and aws4fetch included. Also measures
 * `@auth/dynamodb-adapter` with the AWS SDK v3 bundled the same way, for the
 * README. Exits non-zero above budget, after listing the largest modules
 * (`--analyze` lists them anyway). `--json` prints the figures as JSON.
 */
import { fileURLToPath } from "node:url"
import { bundleWorker, sdkWorker } from "./bundle-worker.mjs"

/** 12 KiB gzipped, `@auth/core` external: the decided budget (issue 19), enforced by the test command. */
const BUDGET_GZIP_BYTES = 12 * 1024

const packageDir = fileURLToPath(new URL("..", import.meta.url))
const entry = JSON.stringify(fileURLToPath(new URL("../src/index.ts", import.meta.url)))

// Both Workers do the same: build an adapter from env bindings and read a user.
const edgeWorker = `
import { DynamoDBAdapter } from ${entry}
export default {
  async fetch(request, env) {
    const adapter = DynamoDBAdapter({
      region: env.AWS_REGION,
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
    })
    return Response.json(await adapter.getUser(new URL(request.url).searchParams.get("id")))
  },
}`

const officialWorker = sdkWorker("@auth/dynamodb-adapter")

// The floor no adapter on aws4fetch goes below: a Worker that only signs and sends one request.
const signerOnlyWorker = `
import { AwsV4Signer } from "aws4fetch"
export default {
  async fetch(request, env) {
    const body = await request.text()
    const signed = await new AwsV4Signer({
      url: env.ENDPOINT, method: "POST", body, service: "dynamodb", region: env.AWS_REGION,
      accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
    }).sign()
    return fetch(signed.url, { method: "POST", headers: signed.headers, body })
  },
}`

/** @param {number} bytes */
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`

const edge = await bundleWorker(edgeWorker, packageDir)
const official = await bundleWorker(officialWorker, packageDir)
const signerOnly = await bundleWorker(signerOnlyWorker, packageDir)
const figures = {
  budgetGzipBytes: BUDGET_GZIP_BYTES,
  edge: { minifiedBytes: edge.bytes, gzipBytes: edge.gzipBytes },
  official: { minifiedBytes: official.bytes, gzipBytes: official.gzipBytes },
  signerOnly: { minifiedBytes: signerOnly.bytes, gzipBytes: signerOnly.gzipBytes },
}

if (process.argv.includes("--json")) {
  console.log(JSON.stringify(figures, null, 2))
} else {
  console.log(
    `@dynamoauth/adapter-edge Worker: ${kb(edge.bytes)} minified, ${edge.gzipBytes} B gzipped (budget ${BUDGET_GZIP_BYTES} B, ${BUDGET_GZIP_BYTES - edge.gzipBytes} B left)`,
  )
  console.log(
    `@auth/dynamodb-adapter + @aws-sdk/client-dynamodb + @aws-sdk/lib-dynamodb Worker: ${kb(official.bytes)} minified, ${kb(official.gzipBytes)} gzipped`,
  )
  console.log(
    `aws4fetch signing one request, nothing else: ${signerOnly.gzipBytes} B gzipped; core and the transport add ${edge.gzipBytes - signerOnly.gzipBytes} B (the budget leaves them ${BUDGET_GZIP_BYTES - signerOnly.gzipBytes} B)`,
  )
}
if (edge.gzipBytes > BUDGET_GZIP_BYTES || process.argv.includes("--analyze")) {
  // Minified bytes each module contributes, largest first: where to look.
  const [output] = Object.values(edge.metafile.outputs)
  const rows = Object.entries(output?.inputs ?? {})
    .map(([path, { bytesInOutput }]) => ({
      path: path.replace(/^.*node_modules\/\.pnpm\//, ""),
      bytesInOutput,
    }))
    .sort((a, b) => b.bytesInOutput - a.bytesInOutput)
  for (const { path, bytesInOutput } of rows.slice(0, 12)) {
    console.log(`${String(bytesInOutput).padStart(7)} B  ${path}`)
  }
}
if (edge.gzipBytes > BUDGET_GZIP_BYTES) {
  console.error(`size budget exceeded: ${edge.gzipBytes} B gzipped > ${BUDGET_GZIP_BYTES} B`)
  process.exit(1)
}
