/**
 * Node side of the workerd tests: bundles test modules into one Worker (with
 * "vitest" aliased to the harness), runs it in workerd through miniflare,
 * and declares one vitest test per test that ran inside, so each failure shows
 * up by name in the normal vitest output.
 */
import { fileURLToPath } from "node:url"
import { build } from "esbuild"
import { Miniflare } from "miniflare"
import { afterAll, beforeAll, it } from "vitest"
import type { RunReport } from "./harness/runner.js"

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/** A date the pinned workerd supports; newer dates are refused. */
const COMPATIBILITY_DATE = "2026-04-01"
/** A whole contract suite runs inside one request; give it room. */
const RUN_TIMEOUT_MS = 600_000

/** Bundles `entries` (absolute paths) with the harness into one ES module Worker. */
export async function bundleTestWorker(entries: string[]): Promise<string> {
  // Dynamic imports: esbuild turns them into lazy module initialisers, which
  // the worker runs on its first request (see harness/worker-main.ts).
  const imports = entries.map((entry) => `import(${JSON.stringify(entry)})`).join(", ")
  const main = JSON.stringify(here("./harness/worker-main.ts"))
  const result = await build({
    stdin: {
      contents: `import { createTestWorker } from ${main}\nexport default createTestWorker(() => Promise.all([${imports}]))\n`,
      resolveDir: here("."),
      loader: "ts",
    },
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    target: "es2022",
    alias: { vitest: here("./harness/vitest-shim.ts") },
    // The package says `sideEffects: false`, which would let esbuild drop the
    // bare imports of test modules whose only effect is to declare tests.
    ignoreAnnotations: true,
    logLevel: "silent",
  })
  return result.outputFiles[0]!.text
}

/**
 * Declares the tests of `entries` as vitest tests; must be called at the top
 * level of a test file (it awaits the list of names from the worker).
 */
export async function declareWorkerdTests(options: {
  entries: string[]
  bindings: Record<string, string>
  /** Node functions the worker can call as service bindings (`env.NAME.fetch(...)`). */
  serviceBindings?: Record<string, (request: any) => Promise<Response>>
}): Promise<void> {
  const script = await bundleTestWorker(options.entries)
  const mf = new Miniflare({
    modules: true,
    script,
    compatibilityDate: COMPATIBILITY_DATE,
    bindings: options.bindings,
    serviceBindings: (options.serviceBindings ?? {}) as any,
  })
  let names: string[]
  try {
    const listed = await mf.dispatchFetch("http://workerd.test/list")
    if (!listed.ok) throw new Error(`worker answered ${listed.status}: ${await listed.text()}`)
    names = (await listed.json()) as string[]
  } catch (error) {
    // No tests to declare: stop workerd here, or it outlives the run.
    await mf.dispose()
    throw error
  }
  afterAll(() => mf.dispose())
  let report: RunReport | undefined
  let runError: unknown

  beforeAll(async () => {
    try {
      const response = await mf.dispatchFetch("http://workerd.test/run", { method: "POST" })
      if (!response.ok)
        throw new Error(`worker answered ${response.status}: ${await response.text()}`)
      report = (await response.json()) as RunReport
    } catch (error) {
      runError = error
    }
  }, RUN_TIMEOUT_MS)

  names.forEach((name, index) => {
    it(`[workerd] ${name}`, () => {
      if (runError) throw runError
      const result = report?.tests[index]
      if (!result || result.name !== name) throw new Error(`no result for "${name}"`)
      if (result.status === "fail") throw rebuild(result.error)
    })
  })
  it("[workerd] afterAll hooks", () => {
    if (runError) throw runError
    const failed = report?.hooks ?? []
    if (failed.length > 0) throw rebuild(failed[0]!.error)
  })
}

function rebuild(error: { name: string; message: string; stack?: string } | undefined): Error {
  const rebuilt = new Error(error?.message ?? "failed inside workerd")
  rebuilt.name = error?.name ?? "Error"
  if (error?.stack) rebuilt.stack = `${error.stack}\n    (inside workerd)`
  return rebuilt
}
