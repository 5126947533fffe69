/**
 * Two projects in one run, so the package writes one JSON report: "node" (every test under src/
 * and test/ except test/workerd/, on both transports) and "workerd" (test/workerd/vitest.config.ts:
 * the edge transport inside workerd through Cloudflare's vitest integration).
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
