/**
 * The shared contract suite inside workerd, on workerd's fetch. The fault
 * proxy runs in Node; its controls go through a service binding.
 */
import type { Transport } from "@dynamoauth/core"
import { runContractSuite } from "@dynamoauth/testing/contract"
import { DynamoDBAdapter } from "../../src/index.js"
import { createFetchTransport } from "../../src/transport.js"
import { localConfig } from "../suites/local-config.js"
import { workerEnv } from "./harness/worker-env.js"
import { remoteProxyControl } from "./remote-proxy-control.js"

const direct = () => localConfig(workerEnv().DYNAMODB_ENDPOINT)
const proxied = () => localConfig(workerEnv().PROXY_ENDPOINT as string)
let directTransport: Transport | undefined

// Bindings exist only once a request runs, so the transport is made on first use.
function transport(): Transport {
  directTransport ??= createFetchTransport(direct())
  return directTransport
}

runContractSuite({
  name: "edge in workerd",
  transport: { send: (...args) => transport().send(...args) },
  makeAdapter: (options) => DynamoDBAdapter(direct(), options),
  proxied: {
    makeAdapter: (options) => DynamoDBAdapter(proxied(), options),
    control: remoteProxyControl("PROXY_CONTROL"),
  },
})
