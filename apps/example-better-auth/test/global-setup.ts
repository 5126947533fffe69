/**
 * Once per run: Debian's Chromium (installed with apt when missing, as apps/example does) and the
 * Worker bundle, which every test file's stack loads into miniflare.
 */
import type { TestProject } from "vitest/node"
import { ensureChromium } from "../../example/test/support/chromium.ts"
import { buildWorker } from "../scripts/build-worker.ts"

declare module "vitest" {
  export interface ProvidedContext {
    chromium: string
  }
}

export default async function setup(project: TestProject) {
  project.provide("chromium", ensureChromium())
  await buildWorker()
}
