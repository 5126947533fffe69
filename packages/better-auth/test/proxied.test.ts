/**
 * Read-your-writes while the index lags (test/suites/proxied.ts) on Node, on both transports,
 * through a fault proxy started here; workerd/proxied.test.ts runs the same inside workerd.
 */
import { startFaultProxy } from "@dynamoauth/testing/fault-proxy"
import { remoteFaultProxy } from "@dynamoauth/testing/fault-proxy-remote"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { afterAll } from "vitest"
import { defineProxiedSuite } from "./suites/proxied.js"
import { TRANSPORTS } from "./transports.js"

const proxy = await startFaultProxy({ target: dynamodbEndpoint(), seed: 15 })
afterAll(() => proxy.close())
// The same control API the workerd run has to use, so the suite is written once.
const control = remoteFaultProxy(proxy.endpoint)

for (const [label, makeTransport] of TRANSPORTS) {
  defineProxiedSuite(label, makeTransport(proxy.endpoint), control)
}
