import { startFaultProxy } from "@dynamoauth/testing/fault-proxy"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { afterAll } from "vitest"
import { localProxyControl } from "./proxy-control.js"
import { defineRetrySuite } from "./suites/retries.js"

const proxy = await startFaultProxy({ target: dynamodbEndpoint(), seed: 3 })
afterAll(() => proxy.close())
const target = {
  endpoint: dynamodbEndpoint(),
  proxyEndpoint: proxy.endpoint,
  control: localProxyControl(proxy),
}

defineRetrySuite("node fetch", () => target)
