/**
 * Cross-runtime, workerd half: reads what adapter-node wrote in Node, and
 * writes the same fixtures with the edge adapter for Node to compare
 * (workerd.test.ts).
 */
import type { Adapter } from "@auth/core/adapters"
import { describe, it } from "vitest"
import { DynamoDBAdapter } from "../../src/index.js"
import { expectFixtures, writeFixtures } from "../suites/cross-runtime.js"
import { localConfig } from "../suites/local-config.js"
import { workerEnv } from "./harness/worker-env.js"

const adapter = (tableName: string) =>
  DynamoDBAdapter(localConfig(workerEnv().DYNAMODB_ENDPOINT), { tableName }) as Required<Adapter>

describe("cross-runtime", () => {
  it("the edge adapter in workerd reads what adapter-node wrote", async () => {
    const env = workerEnv()
    await expectFixtures(adapter(env.CROSS_NODE_TABLE as string), env.CROSS_NODE_USER_ID as string)
  })

  it("the edge adapter in workerd writes the same fixtures", async () => {
    await writeFixtures(adapter(workerEnv().CROSS_EDGE_TABLE as string))
  })
})
