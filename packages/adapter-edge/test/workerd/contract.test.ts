/**
 * The shared contract suite inside workerd, on workerd's fetch, default and
 * custom key names. The fault proxy runs in Node; it is driven over its HTTP
 * control API.
 */
import { runContractSuite } from "@dynamoauth/testing/contract"
import { remoteFaultProxy } from "@dynamoauth/testing/fault-proxy-remote"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { inject } from "vitest"
import { createFetchTransport } from "../../src/transport.js"
import { edgeAdapter } from "../suites/edge-adapter.js"
import { localConfig } from "../suites/local-config.js"
import "./provided.js"

const direct = localConfig(dynamodbEndpoint())
const proxied = localConfig(inject("proxyEndpoint"))

runContractSuite({
  name: "edge in workerd",
  transport: createFetchTransport(direct),
  makeAdapter: (options) => edgeAdapter(direct, options),
  proxied: {
    makeAdapter: (options) => edgeAdapter(proxied, options),
    control: remoteFaultProxy(inject("proxyEndpoint")),
  },
})
