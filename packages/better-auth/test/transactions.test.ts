/**
 * adapter.transaction (test/suites/transactions.ts) on Node, on both transports, through a fault
 * proxy started here; workerd/transactions.test.ts runs the same inside workerd.
 */
import { startFaultProxy } from "@dynamoauth/testing/fault-proxy"
import { remoteFaultProxy } from "@dynamoauth/testing/fault-proxy-remote"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { afterAll } from "vitest"
import { defineTransactionsSuite } from "./suites/transactions.js"
import { TRANSPORTS } from "./transports.js"

const proxy = await startFaultProxy({ target: dynamodbEndpoint(), seed: 20 })
afterAll(() => proxy.close())
const control = remoteFaultProxy(proxy.endpoint)

for (const [label, makeTransport] of TRANSPORTS) {
  defineTransactionsSuite(label, makeTransport(proxy.endpoint), control)
}
