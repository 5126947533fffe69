/**
 * The suites that must hold inside workerd, run there through miniflare:
 * the harness self-check, transport round trips, the shared contract suite
 * (fault proxy controlled over a service binding), and the cross-runtime
 * check against adapter-node, whose Node half is at the end of this file.
 */
import { fileURLToPath } from "node:url"
import { createTable, scanAll, uniqueName } from "@dynamoauth/testing/contract"
import { startFaultProxy } from "@dynamoauth/testing/fault-proxy"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { afterAll, expect, it } from "vitest"
import { createFetchTransport } from "../src/transport.js"
import { startEchoServer } from "./echo-server.js"
import { nodeAdapter, userIdIn } from "./node-sdk.js"
import { proxyControlService } from "./proxy-control.js"
import { canonicalItems, expectFixtures, writeFixtures } from "./suites/cross-runtime.js"
import { localConfig } from "./suites/local-config.js"
import { declareWorkerdTests } from "./workerd/run-in-workerd.js"

const entry = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const endpoint = dynamodbEndpoint()
const proxy = await startFaultProxy({ target: endpoint, seed: 11 })
afterAll(() => proxy.close())
// Its own proxy, so the retry suite's faults and counts never meet the contract suite's.
const retryProxy = await startFaultProxy({ target: endpoint, seed: 3 })
afterAll(() => retryProxy.close())
const echo = await startEchoServer()
afterAll(() => echo.close())

// Cross-runtime set-up: adapter-node writes first, so workerd can read it.
const transport = createFetchTransport(localConfig(endpoint))
const crossEdgeTable = uniqueName("cross-workerd")
const crossNodeTable = uniqueName("cross-node")
await createTable(transport, { tableName: crossEdgeTable })
await createTable(transport, { tableName: crossNodeTable })
const nodeUserId = await writeFixtures(nodeAdapter(endpoint, crossNodeTable))

await declareWorkerdTests({
  entries: [
    entry("./workerd/harness-self.workerd.ts"),
    entry("./workerd/round-trip.workerd.ts"),
    entry("./workerd/contract.workerd.ts"),
    entry("./workerd/cross-runtime.workerd.ts"),
    entry("./workerd/retries.workerd.ts"),
    entry("./workerd/credentials.workerd.ts"),
  ],
  bindings: {
    DYNAMODB_ENDPOINT: endpoint,
    PROXY_ENDPOINT: proxy.endpoint,
    CROSS_EDGE_TABLE: crossEdgeTable,
    CROSS_NODE_TABLE: crossNodeTable,
    CROSS_NODE_USER_ID: nodeUserId,
    RETRY_PROXY_ENDPOINT: retryProxy.endpoint,
    ECHO_ENDPOINT: echo.endpoint,
  },
  serviceBindings: {
    PROXY_CONTROL: proxyControlService(proxy),
    RETRY_PROXY_CONTROL: proxyControlService(retryProxy),
  },
})

// Runs after the worker (its tests run in this file's beforeAll).
it("cross-runtime: adapter-node reads what the edge adapter wrote inside workerd", async () => {
  const items = await scanAll(transport, crossEdgeTable)
  await expectFixtures(nodeAdapter(endpoint, crossEdgeTable), userIdIn(items))
})

it("cross-runtime: workerd stored the same items as adapter-node for the same input", async () => {
  const edgeItems = await scanAll(transport, crossEdgeTable)
  const nodeItems = await scanAll(transport, crossNodeTable)
  expect(edgeItems.length).toBeGreaterThan(5)
  expect(canonicalItems(edgeItems, userIdIn(edgeItems))).toEqual(
    canonicalItems(nodeItems, nodeUserId),
  )
})
