/**
 * Cross-runtime on Node: the edge adapter (Node's fetch) and adapter-node
 * (AWS SDK) read each other's items, and the same input gives the same
 * stored items. The workerd half is in workerd/cross-runtime.test.ts.
 */
import { createTable, scanAll, uniqueName } from "@dynamoauth/testing/contract"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { beforeAll, expect, it } from "vitest"
import { DynamoDBAdapter } from "../src/index.js"
import { createFetchTransport } from "../src/transport.js"
import { nodeAdapter } from "./node-sdk.js"
import { canonicalItems, expectFixtures, userIdIn, writeFixtures } from "./suites/cross-runtime.js"
import { localConfig } from "./suites/local-config.js"

const endpoint = dynamodbEndpoint()
const transport = createFetchTransport(localConfig(endpoint))
const edgeTable = uniqueName("cross-edge")
const nodeTable = uniqueName("cross-node")
let edgeUserId: string
let nodeUserId: string

beforeAll(async () => {
  await createTable(transport, { tableName: edgeTable })
  await createTable(transport, { tableName: nodeTable })
  edgeUserId = await writeFixtures(
    DynamoDBAdapter(localConfig(endpoint), { tableName: edgeTable }) as any,
  )
  nodeUserId = await writeFixtures(nodeAdapter(endpoint, nodeTable))
})

it("adapter-node reads what the edge adapter wrote", async () => {
  await expectFixtures(nodeAdapter(endpoint, edgeTable), edgeUserId)
})

it("the edge adapter reads what adapter-node wrote", async () => {
  await expectFixtures(
    DynamoDBAdapter(localConfig(endpoint), { tableName: nodeTable }) as any,
    nodeUserId,
  )
})

it("the same input gives identical stored items", async () => {
  const edgeItems = await scanAll(transport, edgeTable)
  const nodeItems = await scanAll(transport, nodeTable)
  expect(userIdIn(edgeItems)).toBe(edgeUserId)
  expect(edgeItems.length).toBeGreaterThan(5)
  expect(canonicalItems(edgeItems, edgeUserId)).toEqual(canonicalItems(nodeItems, nodeUserId))
})
