/**
 * The example follows the conventions of the Next.js it pins: neither `next build` nor
 * `next start` prints a deprecation warning (Next.js 16 prints one for a `middleware.ts` file
 * and one for any use of the Edge Runtime). The build's output is kept by the build step, the
 * server's by the global setup.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { expect, test } from "vitest"
import { BUILD_LOG } from "../scripts/stack/build"
import { artifactsDir } from "./support/artifacts"

const deprecations = (output: string) => output.split("\n").filter((l) => /deprecat/i.test(l))

test("next build prints no deprecation warning", () => {
  const output = readFileSync(BUILD_LOG, "utf8")
  // The output of a build that ran, with the proxy in it.
  expect(output).toMatch(/Compiled successfully/)
  expect(output).toMatch(/Proxy/)
  expect(deprecations(output)).toEqual([])
})

test("next start prints no deprecation warning", () => {
  const output = readFileSync(join(artifactsDir(), "server.log"), "utf8")
  expect(output).toMatch(/Ready in/)
  expect(deprecations(output)).toEqual([])
})
