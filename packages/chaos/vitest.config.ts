import { mergeConfig } from "vitest/config"
import { packageTestConfig } from "../../vitest.shared.ts"

// The bounded chaos run: fixed seeds, a few minutes at most on an idle machine. The adapter's
// import of better-auth resolves to this package's (src/better-auth/one-better-auth.ts).
export default mergeConfig(packageTestConfig({ dynamodb: true }, { testTimeout: 600_000 }), {
  resolve: { dedupe: ["better-auth"] },
})
