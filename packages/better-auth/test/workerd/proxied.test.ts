/**
 * Read-your-writes while the index lags (../suites/proxied.ts) inside workerd, through the fault
 * proxy that global-setup.ts starts in Node.
 */
import { remoteFaultProxy } from "@dynamoauth/testing/fault-proxy-remote"
import { inject } from "vitest"
import { edgeTransport } from "../edge.js"
import { defineProxiedSuite } from "../suites/proxied.js"
import "./provided.js"

const proxyEndpoint = inject("proxyEndpoint")

defineProxiedSuite(
  "edge (aws4fetch) in workerd",
  edgeTransport(proxyEndpoint),
  remoteFaultProxy(proxyEndpoint),
)
