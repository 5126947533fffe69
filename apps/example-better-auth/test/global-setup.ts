/** Debian's Chromium for the browser test, installed with apt when missing (as apps/example does). */
import type { TestProject } from "vitest/node"
import { ensureChromium } from "../../example/test/support/chromium.ts"

declare module "vitest" {
  export interface ProvidedContext {
    chromium: string
  }
}

export default function setup(project: TestProject) {
  project.provide("chromium", ensureChromium())
}
