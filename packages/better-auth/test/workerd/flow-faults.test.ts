/**
 * Faults at each write of the sign-up flows (../suites/flow-faults.ts) inside workerd, through the fault proxy for
 * fault suites that global-setup.ts starts in Node.
 */
import { remoteFaultProxy } from "@dynamoauth/testing/fault-proxy-remote"
import { inject } from "vitest"
import { edgeTransport } from "../edge.js"
import { defineFlowFaultsSuite } from "../suites/flow-faults.js"
import "./provided.js"

const proxyEndpoint = inject("faultProxyEndpoint")

defineFlowFaultsSuite(
  "edge (aws4fetch) in workerd",
  edgeTransport(proxyEndpoint),
  remoteFaultProxy(proxyEndpoint),
)
