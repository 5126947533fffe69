/**
 * The published manifest resolves in every runtime the package targets:
 * workerd, edge-light (Vercel), browsers, Deno, Bun and Node each find the
 * ESM build and its types. Checked with esbuild's resolver on a copy of the
 * manifest as `pnpm publish` would write it (publishConfig applied).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { build } from "esbuild"
import { afterAll, beforeAll, expect, it } from "vitest"

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"))
const published = { ...manifest, ...manifest.publishConfig }
const RUNTIMES = ["workerd", "edge-light", "browser", "deno", "bun", "node"] as const

let root: string

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "adapter-edge-exports-"))
  const pkg = join(root, "node_modules", "@dynamoauth", "adapter-edge")
  mkdirSync(join(pkg, "dist"), { recursive: true })
  writeFileSync(join(pkg, "package.json"), JSON.stringify(published))
  writeFileSync(join(pkg, "dist", "index.js"), "export const resolved = 'dist/index.js'\n")
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

it("names every target runtime explicitly, types first", () => {
  const conditions = Object.keys(published.exports["."])
  expect(conditions[0]).toBe("types")
  for (const runtime of RUNTIMES) expect(conditions).toContain(runtime)
  expect(published.exports["."].types).toBe("./dist/index.d.ts")
  expect(published.sideEffects).toBe(false)
})

it.each(RUNTIMES)("resolves to the ESM build under the %s condition", async (runtime) => {
  const result = await build({
    stdin: { contents: 'export * from "@dynamoauth/adapter-edge"', resolveDir: root },
    bundle: true,
    write: false,
    format: "esm",
    // Neutral: only the runtime's own condition (plus import/default) applies.
    platform: "neutral",
    conditions: [runtime],
    metafile: true,
    logLevel: "silent",
  })
  const inputs = Object.keys(result.metafile.inputs)
  expect(
    inputs.filter((input) => input.endsWith("@dynamoauth/adapter-edge/dist/index.js")),
  ).toHaveLength(1)
})
