import { createNodeTransport, DynamoDBAdapter } from "@dynamoauth/adapter-node"
import { runContractSuite } from "@dynamoauth/testing/contract"
import { startFaultProxy } from "@dynamoauth/testing/fault-proxy"
import { remoteFaultProxy } from "@dynamoauth/testing/fault-proxy-remote"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { afterAll } from "vitest"
import { documentClient, sdkClient } from "./sdk-client.js"

const endpoint = dynamodbEndpoint()
const proxy = await startFaultProxy({ target: endpoint, seed: 7 })
afterAll(() => proxy.close())

runContractSuite({
  name: "node",
  transport: createNodeTransport(sdkClient(endpoint)),
  makeAdapter: (options) => DynamoDBAdapter(documentClient(endpoint), options),
  proxied: {
    makeAdapter: (options) => DynamoDBAdapter(sdkClient(proxy.endpoint), options),
    // Driven over the proxy's HTTP control API, as the other runtimes drive it.
    control: remoteFaultProxy(proxy.endpoint),
  },
})
