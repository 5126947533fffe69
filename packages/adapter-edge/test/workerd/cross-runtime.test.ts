/**
 * Cross-runtime, workerd half: the edge adapter in workerd reads what
 * adapter-node wrote in Node (global-setup.ts), writes the same fixtures,
 * and adapter-node in Node reads those back (node-side.ts); the stored items
 * match item for item.
 */
import type { Adapter } from "@auth/core/adapters"
import { createTable, scanAll, uniqueName } from "@dynamoauth/testing/contract"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { beforeAll, describe, expect, inject, it } from "vitest"
import { DynamoDBAdapter } from "../../src/index.js"
import { createFetchTransport } from "../../src/transport.js"
import { canonicalItems, expectFixtures, userIdIn, writeFixtures } from "../suites/cross-runtime.js"
import { localConfig } from "../suites/local-config.js"
import "./provided.js"

const config = localConfig(dynamodbEndpoint())
const transport = createFetchTransport(config)
const adapter = (tableName: string) => DynamoDBAdapter(config, { tableName }) as Required<Adapter>
const nodeTable = inject("crossNodeTable")
const nodeUserId = inject("crossNodeUserId")
const edgeTable = uniqueName("cross-workerd")

describe("cross-runtime", () => {
  let edgeUserId: string
  beforeAll(async () => {
    await createTable(transport, { tableName: edgeTable })
  })

  it("the edge adapter in workerd reads what adapter-node wrote in Node", async () => {
    await expectFixtures(adapter(nodeTable), nodeUserId)
  })

  it("the edge adapter in workerd writes the same fixtures", async () => {
    edgeUserId = await writeFixtures(adapter(edgeTable))
    expect(userIdIn(await scanAll(transport, edgeTable))).toBe(edgeUserId)
  })

  it("adapter-node in Node reads what the edge adapter wrote in workerd", async () => {
    const response = await fetch(`${inject("nodeSideEndpoint")}/read-fixtures`, {
      method: "POST",
      body: JSON.stringify({ table: edgeTable, userId: edgeUserId }),
    })
    expect(await response.text()).toBe("ok")
  })

  it("workerd stored the same items as adapter-node for the same input", async () => {
    const edgeItems = await scanAll(transport, edgeTable)
    const nodeItems = await scanAll(transport, nodeTable)
    expect(edgeItems.length).toBeGreaterThan(5)
    expect(canonicalItems(edgeItems, edgeUserId)).toEqual(canonicalItems(nodeItems, nodeUserId))
  })
})
