/** Vercel's Edge Runtime (@edge-runtime/vm's globals): adapter-edge, as installed. */
import { expect, it } from "vitest"
import { runInstalledContract } from "../shared/contract.js"

it("runs with the Edge Runtime's globals", () => {
  // Set by @edge-runtime/vm, as on Vercel (and in Next.js middleware).
  expect((globalThis as { EdgeRuntime?: string }).EdgeRuntime).toBe("edge-runtime")
})

await runInstalledContract("edge-runtime", ["adapter-edge"])
