/** The retry suite inside workerd: its fetch's network errors must be retried too. */
import { remoteFaultProxy } from "@dynamoauth/testing/fault-proxy-remote"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { inject } from "vitest"
import { defineRetrySuite } from "../suites/retries.js"
import "./provided.js"

const target = {
  endpoint: dynamodbEndpoint(),
  proxyEndpoint: inject("retryProxyEndpoint"),
  control: remoteFaultProxy(inject("retryProxyEndpoint")),
}

defineRetrySuite("workerd", () => target)
