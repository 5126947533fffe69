/**
 * adapter.transaction (../suites/transactions.ts) inside workerd, through the fault proxy for
 * fault suites that global-setup.ts starts in Node.
 */
import { remoteFaultProxy } from "@dynamoauth/testing/fault-proxy-remote"
import { inject } from "vitest"
import { edgeTransport } from "../edge.js"
import { defineTransactionsSuite } from "../suites/transactions.js"
import "./provided.js"

const proxyEndpoint = inject("faultProxyEndpoint")

defineTransactionsSuite(
  "edge (aws4fetch) in workerd",
  edgeTransport(proxyEndpoint),
  remoteFaultProxy(proxyEndpoint),
)
