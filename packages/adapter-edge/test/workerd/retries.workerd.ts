/** The retry suite inside workerd: its fetch's network errors must be retried too. */
import { defineRetrySuite } from "../suites/retries.js"
import { workerEnv } from "./harness/worker-env.js"
import { remoteProxyControl } from "./remote-proxy-control.js"

defineRetrySuite("workerd", () => ({
  endpoint: workerEnv().DYNAMODB_ENDPOINT,
  proxyEndpoint: workerEnv().RETRY_PROXY_ENDPOINT as string,
  control: remoteProxyControl("RETRY_PROXY_CONTROL"),
}))
