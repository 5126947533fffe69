/** Deno: both adapters, as installed (adapter-node on the AWS SDK too: people run it there). */
import { expect, it } from "vitest"
import { runInstalledContract } from "../shared/contract.js"

const deno = (globalThis as { Deno?: { version: { deno: string } } }).Deno

it("runs on Deno", () => {
  expect(deno?.version.deno).toMatch(/^\d+\.\d+\.\d+/)
})

await runInstalledContract(`deno ${deno?.version.deno}`, ["adapter-node", "adapter-edge"])
