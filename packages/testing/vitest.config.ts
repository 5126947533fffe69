import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    globalSetup: ["./src/vitest/global-setup.ts"],
    // Starting Java is slow on a busy two-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
