/**
 * The workerd project: test files run inside workerd through Cloudflare's
 * vitest integration, against DynamoDB Local and the loopback servers that
 * global-setup.ts starts in Node.
 */
import { fileURLToPath } from "node:url"
import { cloudflareTest } from "@cloudflare/vitest-plugin"
import { defineConfig } from "vitest/config"

export default defineConfig({
  plugins: [
    cloudflareTest({
      // No nodejs_compat: the adapter must run on Web APIs alone.
      miniflare: { compatibilityDate: "2026-11-01" },
    }),
  ],
  test: {
    name: "workerd",
    // The package directory, so paths read as in the Node project.
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: [
      "test/workerd/**/*.test.ts",
      // Pure unit tests that also hold in workerd: base64 (atob/btoa), timers and abort signals, error parsing.
      "test/base64-json.test.ts",
      "test/deadline.test.ts",
      "test/error-response.test.ts",
    ],
    globalSetup: ["test/workerd/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
