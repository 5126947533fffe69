/** The shared contract suite on Node's own fetch (the workerd run is in workerd/contract.test.ts). */
import { runContractSuite } from "@dynamoauth/testing/contract"
import { startFaultProxy } from "@dynamoauth/testing/fault-proxy"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { afterAll } from "vitest"
import { createFetchTransport } from "../src/transport.js"
import { localProxyControl } from "./proxy-control.js"
import { edgeAdapter } from "./suites/edge-adapter.js"
import { localConfig } from "./suites/local-config.js"

const endpoint = dynamodbEndpoint()
const proxy = await startFaultProxy({ target: endpoint, seed: 7 })
afterAll(() => proxy.close())

runContractSuite({
  name: "edge on node fetch",
  transport: createFetchTransport(localConfig(endpoint)),
  makeAdapter: (options) => edgeAdapter(localConfig(endpoint), options),
  proxied: {
    makeAdapter: (options) => edgeAdapter(localConfig(proxy.endpoint), options),
    control: localProxyControl(proxy),
  },
})
