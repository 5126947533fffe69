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

interface BundleWorkerModule {
  bundleWorker(source: string, resolveDir: string): Promise<{ bytes: number; gzipBytes: number }>
  sdkWorker(adapterPackage: string): string
}

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
  // The official size script's Worker, with ours (node) in place of the official adapter.
  const { bundleWorker, sdkWorker } = (await import(
    pathToFileURL(join(edgeDir, "scripts/bundle-worker.mjs")).href
  )) as BundleWorkerModule
  const node = await bundleWorker(sdkWorker("@dynamoauth/adapter-node"), benchDir)
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
