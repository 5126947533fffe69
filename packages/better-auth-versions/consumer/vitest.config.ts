/**
 * Copied into each consumer app (test/versions.test.ts): runs the copied suites there, against
 * the DynamoDB Local of the outer run. Everything the run writes goes outside the app (the app
 * is installed once per build and shared), to the paths the outer test passes in.
 */
import { defineConfig } from "vitest/config"

function env(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`consumer: ${name} is not set; run it through test/versions.test.ts`)
  return value
}

export default defineConfig({
  cacheDir: env("DYNAMOAUTH_VITE_CACHE"),
  test: {
    include: ["test/*.test.ts"],
    reporters: ["dot", ["json", { outputFile: env("DYNAMOAUTH_REPORT") }]],
    // What @dynamoauth/testing/vitest-global-setup provides to packages/better-auth's tests.
    provide: { dynamodbEndpoint: env("DYNAMOAUTH_DYNAMODB_ENDPOINT") },
    // The SDK warns about Node 20 on every client; the warning says nothing about our code.
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      // Which of packages/better-auth/test/transports.ts's transports the suites run on.
      DYNAMOAUTH_TRANSPORTS: env("DYNAMOAUTH_TRANSPORTS"),
    },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
