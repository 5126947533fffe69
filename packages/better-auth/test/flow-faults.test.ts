/**
 * Faults at each write of the sign-up flows (test/suites/flow-faults.ts) on Node, on both
 * transports, through a fault proxy started here; workerd/flow-faults.test.ts runs the same
 * inside workerd.
 */
import { startFaultProxy } from "@dynamoauth/testing/fault-proxy"
import { remoteFaultProxy } from "@dynamoauth/testing/fault-proxy-remote"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { afterAll } from "vitest"
import { defineFlowFaultsSuite } from "./suites/flow-faults.js"
import { TRANSPORTS } from "./transports.js"

const proxy = await startFaultProxy({ target: dynamodbEndpoint(), seed: 21 })
afterAll(() => proxy.close())
const control = remoteFaultProxy(proxy.endpoint)

for (const [label, makeTransport] of TRANSPORTS) {
  defineFlowFaultsSuite(label, makeTransport(proxy.endpoint), control)
}
