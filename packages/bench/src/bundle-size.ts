/**
 * Worker bundle sizes. adapter-edge's size script is the source of truth for
 * ours (edge) and the official adapter; its `bundleWorker` bundles ours
 * (node) the same way, for comparison.
 */
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { benchDir, edgeDir } from "./paths.js"
import type { SizeFigures, TargetName } from "./results.js"
import { runProcess } from "./run-process.js"

type BundleWorker = (
  source: string,
  resolveDir: string,
) => Promise<{ bytes: number; gzipBytes: number }>

/** The official size script's Worker, with ours (node) in place of the official adapter. */
const nodeWorker = `
import { DynamoDB } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { DynamoDBAdapter } from "@dynamoauth/adapter-node"
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

export async function measureBundles(): Promise<Partial<Record<TargetName, SizeFigures>>> {
  // size.mjs exits non-zero when ours is over its budget; the figures are printed either way.
  const run = await runProcess(process.execPath, ["scripts/size.mjs", "--json"], {
    cwd: edgeDir,
    timeoutMs: 120_000,
  })
  const figures = firstJsonObject(run.stdout) as
    | { edge: SizeFigures; official: SizeFigures }
    | undefined
  if (!figures?.edge || !figures.official) {
    throw new Error(`size.mjs printed no figures (exit ${run.code}): ${run.stderr || run.stdout}`)
  }
  const { bundleWorker } = (await import(
    pathToFileURL(join(edgeDir, "scripts/bundle-worker.mjs")).href
  )) as { bundleWorker: BundleWorker }
  const node = await bundleWorker(nodeWorker, benchDir)
  return {
    official: pick(figures.official),
    node: { minifiedBytes: node.bytes, gzipBytes: node.gzipBytes },
    edge: pick(figures.edge),
  }
}

const pick = (f: SizeFigures): SizeFigures => ({
  minifiedBytes: f.minifiedBytes,
  gzipBytes: f.gzipBytes,
})

/** The JSON object at the start of `text`, which may go on with more output (size.mjs adds a breakdown). */
export function firstJsonObject(text: string): unknown {
  const start = text.indexOf("{")
  if (start === -1) return undefined
  // Pretty-printed JSON closes at a "}" alone on its line; try each until one parses.
  for (let end = text.indexOf("\n}", start); end !== -1; end = text.indexOf("\n}", end + 1)) {
    try {
      return JSON.parse(text.slice(start, end + 2))
    } catch {
      // Not the end of the object yet.
    }
  }
  return undefined
}
