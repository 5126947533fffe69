/**
 * @dynamoauth/testing/fault-proxy — a loopback HTTP proxy in front of DynamoDB (Local) that counts
 * requests per operation, adds latency, simulates index lag and injects throttling, 5xx errors
 * and connection resets, deterministically from a seed. Node only.
 */

export {
  type AsyncFaultProxyControls,
  CONTROL_PREFIX,
  type FaultProxyControls,
} from "./controls.js"
export type { ThrottleType } from "./error-bodies.js"
export type { FaultKind, FaultOptions } from "./faults.js"
export { DEFAULT_INDEX_LAG_KEYS, type IndexLagKeys } from "./index-lag.js"
export { type FaultProxy, type FaultProxyOptions, startFaultProxy } from "./proxy.js"
export { remoteFaultProxy } from "./remote-control.js"
