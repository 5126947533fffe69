// Bundles the Worker into one ES module for miniflare (and `wrangler deploy`, which would
// bundle it the same way). The workspace adapters export TypeScript source; esbuild compiles it.
import { build } from "esbuild"

await build({
  entryPoints: [new URL("../worker/src/index.ts", import.meta.url).pathname],
  outfile: new URL("../worker/dist/worker.js", import.meta.url).pathname,
  bundle: true,
  format: "esm",
  platform: "browser",
  conditions: ["workerd", "worker", "browser"],
  target: "es2022",
  logLevel: "warning",
})
