/** The suites that must hold inside workerd, run there through miniflare. */
import { fileURLToPath } from "node:url"
import { startFaultProxy } from "@dynamoauth/testing/fault-proxy"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { afterAll } from "vitest"
import { proxyControlService } from "./proxy-control.js"
import { declareWorkerdTests } from "./workerd/run-in-workerd.js"

const entry = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const proxy = await startFaultProxy({ target: dynamodbEndpoint(), seed: 11 })
afterAll(() => proxy.close())

await declareWorkerdTests({
  entries: [
    entry("./workerd/harness-self.workerd.ts"),
    entry("./workerd/round-trip.workerd.ts"),
    entry("./workerd/contract.workerd.ts"),
  ],
  bindings: { DYNAMODB_ENDPOINT: dynamodbEndpoint(), PROXY_ENDPOINT: proxy.endpoint },
  serviceBindings: { PROXY_CONTROL: proxyControlService(proxy) },
})
