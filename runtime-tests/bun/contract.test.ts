/** Bun: both adapters, as installed (adapter-node on the AWS SDK too: people run it there). */
import { expect, it } from "vitest"
import { runInstalledContract } from "../shared/contract.js"

const bun = (globalThis as { Bun?: { version: string } }).Bun

it("runs on Bun", () => {
  expect(bun?.version).toMatch(/^\d+\.\d+\.\d+/)
})

await runInstalledContract(`bun ${bun?.version}`, ["adapter-node", "adapter-edge"])
