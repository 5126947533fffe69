/**
 * The package's import graph holds no Node built-in: edge runtimes (workerd and the like) have
 * none, so such an import would pass the Node tests and fail in a user's Worker.
 */
import { builtinModules } from "node:module"
import { fileURLToPath } from "node:url"
import type { Plugin } from "esbuild"
import { expect, it } from "vitest"
import { bundleWorker } from "../scripts/bundle-worker.mjs"

const builtins = new Set(builtinModules)
const isBuiltin = (path: string) => path.startsWith("node:") || builtins.has(path.split("/")[0]!)

/** Records every Node built-in import; `external` lets the bundle finish anyway. */
function recordBuiltins(imported: string[], external: boolean): Plugin {
  return {
    name: "record-node-builtins",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (!isBuiltin(args.path)) return undefined
        imported.push(args.path)
        return external ? { path: args.path, external: true } : undefined
      })
    },
  }
}

const packageDir = fileURLToPath(new URL("..", import.meta.url))

it("bundles for the browser platform without importing any Node built-in", async () => {
  const imported: string[] = []
  const entry = JSON.stringify(fileURLToPath(new URL("../src/index.ts", import.meta.url)))
  const bundle = await bundleWorker(`export * from ${entry}`, packageDir, {
    plugins: [recordBuiltins(imported, false)],
  })
  expect(imported).toEqual([])
  const inputs = Object.keys(bundle.metafile.inputs)
  expect(inputs.some((input) => input.includes("aws4fetch"))).toBe(true)
  expect(inputs.some((input) => input.includes("core/src"))).toBe(true)
})

it("the check notices a Node built-in", async () => {
  const imported: string[] = []
  await bundleWorker(`import "node:fs"; import "crypto"`, packageDir, {
    plugins: [recordBuiltins(imported, true)],
  })
  expect(imported).toEqual(["node:fs", "crypto"])
})
