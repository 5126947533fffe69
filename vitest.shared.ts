/**
 * The vitest settings every package shares: tests beside the source (and in
 * test/), a JSON report per Node major (the test command runs the suite on
 * several) that scripts/test.mjs adds up, and, for packages that talk to
 * DynamoDB, one DynamoDB Local per run.
 */
import { defineConfig, type ViteUserConfig } from "vitest/config"

const NODE_MAJOR = process.versions.node.split(".")[0]

export function packageTestConfig(
  options: { dynamodb?: boolean } = {},
  extra: ViteUserConfig["test"] = {},
) {
  return defineConfig({
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      reporters: [
        "default",
        ["json", { outputFile: `.test-results/vitest-node${NODE_MAJOR}.json` }],
      ],
      // The SDK warns about Node 20 on every client; the warning says nothing about our code.
      env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      ...(options.dynamodb
        ? {
            globalSetup: ["@dynamoauth/testing/vitest-global-setup"],
            testTimeout: 30_000,
            hookTimeout: 60_000,
          }
        : {}),
      ...extra,
    },
  })
}

/**
 * Two projects in one run, so the package writes one JSON report: "node" (every test under src/
 * and test/ except test/workerd/ and `nodeExclude`) and "workerd" (the package's
 * test/workerd/vitest.config.ts, tests inside workerd through Cloudflare's vitest integration).
 */
export function nodeAndWorkerdConfig(options: { nodeExclude?: string[] } = {}) {
  const { reporters, ...node } = packageTestConfig({ dynamodb: true }).test!
  const exclude = ["test/workerd/**", "**/node_modules/**", ...(options.nodeExclude ?? [])]
  return defineConfig({
    test: {
      reporters,
      projects: [
        {
          test: {
            ...node,
            name: "node",
            exclude,
            // One module graph for the project's files, as the workerd project does: each file
            // would otherwise load Better Auth (or the adapter) again. Every test works on its
            // own fresh table and nothing mocks a module (a test that fakes Date restores it),
            // so files cannot see each other's state.
            isolate: false,
          },
        },
        "test/workerd/vitest.config.ts",
      ],
    },
  })
}
