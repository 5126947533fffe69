/**
 * The workerd project: the suites of test/suites/ (Better Auth's own adapter suites, its real
 * handler, passkeys, consumeOne/incrementOne and secondary storage under concurrency, reads while
 * the index lags) on the edge transport (aws4fetch over workerd's fetch), inside workerd through
 * Cloudflare's vitest integration, against the DynamoDB Local and fault proxy that
 * global-setup.ts starts in Node.
 */
import { fileURLToPath } from "node:url"
import { cloudflareTest } from "@cloudflare/vitest-plugin"
import { defineConfig } from "vitest/config"

export default defineConfig({
  plugins: [
    cloudflareTest({
      miniflare: {
        compatibilityDate: "2026-11-01",
        // Better Auth itself imports node:async_hooks (AsyncLocalStorage for its request context),
        // so a real Worker running it sets this flag too. The adapter needs none: adapter-edge's
        // workerd project runs the same transport without it.
        compatibilityFlags: ["nodejs_compat"],
      },
    }),
  ],
  test: {
    name: "workerd",
    // The package directory, so paths read as in the Node project.
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["test/workerd/**/*.test.ts"],
    // One module graph for all files: each would otherwise load Better Auth into workerd again
    // (the run took twice as long). Every suite works on its own fresh table.
    isolate: false,
    globalSetup: ["test/workerd/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
