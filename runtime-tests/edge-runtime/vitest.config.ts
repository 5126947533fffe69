import { runtimeTestConfig } from "../shared/config.ts"

// vitest's edge-runtime environment: the globals of @edge-runtime/vm (Vercel's Edge Runtime).
export default runtimeTestConfig("edge-runtime", { environment: "edge-runtime" })
