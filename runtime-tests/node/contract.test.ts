/** Node (each version of the matrix runs this folder): both adapters, as installed. */
import { expect, it } from "vitest"
import { runInstalledContract } from "../shared/contract.js"

it("runs on Node", () => {
  expect(process.release.name).toBe("node")
  expect(typeof (globalThis as { Bun?: unknown }).Bun).toBe("undefined")
})

await runInstalledContract(`node ${process.versions.node}`, ["adapter-node", "adapter-edge"])
