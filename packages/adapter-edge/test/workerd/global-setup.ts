/**
 * Node side of the workerd project: one DynamoDB Local, two fault proxies,
 * the echo server, the Node half of the cross-runtime check and its fixtures
 * (written by adapter-node before workerd starts). Their endpoints reach the
 * tests in workerd through `provide` (see provided.ts); all listen on 127.0.0.1.
 */
import { createTable, uniqueName } from "@dynamoauth/testing/contract"
import { startFaultProxy } from "@dynamoauth/testing/fault-proxy"
import startDynamoDBLocal from "@dynamoauth/testing/vitest-global-setup"
import type { TestProject } from "vitest/node"
import { createFetchTransport } from "../../src/transport.js"
import { startEchoServer } from "../echo-server.js"
import { nodeAdapter } from "../node-sdk.js"
import { writeFixtures } from "../suites/cross-runtime.js"
import { localConfig } from "../suites/local-config.js"
import { startNodeSide } from "./node-side.js"
import "./provided.js"

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The SDK (adapter-node, writing the cross-runtime fixtures here) warns about Node 20 on every
  // client; the test env's switch does not reach the main process this runs in.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true"
  const stopDynamoDB = await startDynamoDBLocal(project)
  const stops: (() => Promise<void>)[] = []
  const teardown = async () => {
    await Promise.all(stops.map((stop) => stop()))
    await stopDynamoDB()
  }
  try {
    const endpoint = project.getProvidedContext().dynamodbEndpoint
    const proxy = await startFaultProxy({ target: endpoint, seed: 11 })
    stops.push(() => proxy.close())
    const retryProxy = await startFaultProxy({ target: endpoint, seed: 3 })
    stops.push(() => retryProxy.close())
    const echo = await startEchoServer()
    stops.push(() => echo.close())
    const nodeSide = await startNodeSide(endpoint)
    stops.push(() => nodeSide.close())

    const crossNodeTable = uniqueName("cross-node")
    await createTable(createFetchTransport(localConfig(endpoint)), { tableName: crossNodeTable })
    const crossNodeUserId = await writeFixtures(nodeAdapter(endpoint, crossNodeTable))

    project.provide("proxyEndpoint", proxy.endpoint)
    project.provide("retryProxyEndpoint", retryProxy.endpoint)
    project.provide("echoEndpoint", echo.endpoint)
    project.provide("nodeSideEndpoint", nodeSide.endpoint)
    project.provide("crossNodeTable", crossNodeTable)
    project.provide("crossNodeUserId", crossNodeUserId)
  } catch (error) {
    await teardown()
    throw error
  }
  return teardown
}
