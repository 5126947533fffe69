/**
 * The vitest settings of every runtime folder: its own tests, a JSON report per runtime (and
 * per Node major where vitest runs on Node) that scripts/test.mjs adds up, and the values run.ts
 * passes in. Run a folder through run.ts, which sets up DynamoDB Local and the installed packages.
 */
import { fileURLToPath } from "node:url"
import { defineConfig, type ViteUserConfig } from "vitest/config"

export type Runtime = "node" | "edge-runtime" | "bun" | "deno"

/** The variables run.ts sets, and the vitest `provide` key each becomes. */
export const MATRIX_ENV = {
  DYNAMOAUTH_CONSUMER_DIR: "consumerDir",
  DYNAMOAUTH_DYNAMODB_ENDPOINT: "dynamodbEndpoint",
  DYNAMOAUTH_PROXY_ADAPTER_NODE: "proxyForAdapterNode",
  DYNAMOAUTH_PROXY_ADAPTER_EDGE: "proxyForAdapterEdge",
} as const

export function runtimeTestConfig(runtime: Runtime, extra: ViteUserConfig["test"] = {}) {
  const provide: Record<string, string> = {}
  for (const [variable, key] of Object.entries(MATRIX_ENV)) {
    const value = process.env[variable]
    if (!value) {
      throw new Error(`runtime-tests: ${variable} is not set; run the matrix with \`pnpm test\``)
    }
    provide[key] = value
  }
  const onNode = runtime === "node" || runtime === "edge-runtime"
  const label = onNode ? `${runtime}-node${process.versions.node.split(".")[0]}` : runtime
  return defineConfig({
    test: {
      root: fileURLToPath(new URL("..", import.meta.url)),
      include: [`${runtime}/**/*.test.ts`],
      reporters: ["default", ["json", { outputFile: `.test-results/vitest-${label}.json` }]],
      provide,
      // The SDK warns about Node 20 on every client; the warning says nothing about our code.
      env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      testTimeout: 30_000,
      hookTimeout: 60_000,
      ...extra,
    },
  })
}
