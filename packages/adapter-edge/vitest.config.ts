/**
 * Two projects in one run, so the package writes one JSON report: "node"
 * (every test under src/ and test/ except test/workerd/, on Node's fetch) and
 * "workerd" (test/workerd/vitest.config.ts: Cloudflare's vitest integration).
 */
import { defineConfig } from "vitest/config"
import { packageTestConfig } from "../../vitest.shared.ts"

const shared = packageTestConfig({ dynamodb: true }).test!
const { reporters, ...node } = shared

export default defineConfig({
  test: {
    reporters,
    projects: [
      { test: { ...node, name: "node", exclude: ["test/workerd/**", "**/node_modules/**"] } },
      "test/workerd/vitest.config.ts",
    ],
  },
})
