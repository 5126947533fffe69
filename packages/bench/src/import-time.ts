/**
 * Cold import: a fresh `node` process per sample times `import()` of what a
 * user's code imports for each adapter, after `@auth/core/adapters` (which
 * every Auth.js app has already loaded, and the official adapter imports).
 */
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { build } from "esbuild"
import { benchDir, scratchDir } from "./paths.js"
import type { ImportFigures, TargetName } from "./results.js"
import { runProcess } from "./run-process.js"
import { median } from "./stats.js"

const CHILD = `
await import("@auth/core/adapters")
const modules = JSON.parse(process.argv[2])
const started = performance.now()
for (const specifier of modules) await import(specifier)
process.stdout.write(String(performance.now() - started))
`

/**
 * Ours as a bundler would ship it: our workspace packages (TypeScript source)
 * inlined, third-party packages left to node_modules, except aws4fetch, which
 * only adapter-edge depends on and the bench cannot resolve.
 */
async function bundleOurs(pkg: string, file: string): Promise<string> {
  const outfile = join(scratchDir, file)
  await build({
    stdin: { contents: `export * from ${JSON.stringify(pkg)}`, resolveDir: benchDir },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: ["@aws-sdk/*", "@auth/core", "@auth/core/*"],
    outfile,
    logLevel: "silent",
  })
  return pathToFileURL(outfile).href
}

export async function measureImports(runs: number): Promise<Record<TargetName, ImportFigures>> {
  await mkdir(scratchDir, { recursive: true })
  const child = join(scratchDir, "import-child.mjs")
  await writeFile(child, CHILD)
  const sdk = ["@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb"]
  const modules: Record<TargetName, string[]> = {
    official: [...sdk, "@auth/dynamodb-adapter"],
    node: [...sdk, await bundleOurs("@dynamoauth/adapter-node", "adapter-node.mjs")],
    edge: [await bundleOurs("@dynamoauth/adapter-edge", "adapter-edge.mjs")],
  }
  const names = Object.keys(modules) as TargetName[]
  const samples = new Map<TargetName, number[]>(names.map((n) => [n, []]))
  for (let run = 0; run < runs; run++) {
    for (const name of run % 2 === 0 ? names : [...names].reverse()) {
      const out = await runProcess(process.execPath, [child, JSON.stringify(modules[name])], {
        cwd: scratchDir,
        timeoutMs: 60_000,
      })
      const ms = Number(out.stdout)
      if (out.code !== 0 || !Number.isFinite(ms)) {
        throw new Error(`cold import of ${name} failed (exit ${out.code}): ${out.stderr}`)
      }
      samples.get(name)!.push(ms)
    }
  }
  const figure = (name: TargetName): ImportFigures => ({
    medianMs: median(samples.get(name)!),
    samples: samples.get(name)!,
    // Report the bundles by what they stand for, not by a scratch path.
    modules: modules[name].map((m) =>
      m.startsWith("file:") ? `@dynamoauth/adapter-${name} (bundled)` : m,
    ),
  })
  return { official: figure("official"), node: figure("node"), edge: figure("edge") }
}
