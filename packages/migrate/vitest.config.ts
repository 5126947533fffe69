import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    globalSetup: ["@dynamoauth/testing/vitest-global-setup"],
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
