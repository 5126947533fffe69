/**
 * The fault proxy's controls, described once: the proxy offers them in-process
 * (`FaultProxyControls`), and tests that cannot reach the proxy object (inside workerd, another
 * process) get the same methods made async (`AsyncFaultProxyControls`) over the HTTP control API
 * under CONTROL_PREFIX. Web APIs and types only: shared by the Node server and the fetch client.
 */
import type { FaultKind, FaultOptions } from "./faults.js"
import type { IndexLagKeys } from "./index-lag.js"

/** Control routes live here on the proxy's own endpoint; DynamoDB requests always go to "/". */
export const CONTROL_PREFIX = "/__fault-proxy/"

/** The proxy's settings and counters. */
export interface FaultProxyControls {
  /** Requests received per DynamoDB operation (from `X-Amz-Target`), faulted ones included. */
  counts(): Record<string, number>
  /** Requests received in all. */
  total(): number
  /** Zeroes the request counts and the injected-fault counts. */
  resetCounts(): void
  /** Fixed latency added to every request (0 turns it off). */
  setDelay(ms: number): void
  /** Hides items from index Queries for `ms` after they are written (0 turns it off). */
  setIndexLag(ms: number, keyNames?: IndexLagKeys): void
  /** Replaces the fault settings. */
  setFaults(faults: FaultOptions): void
  clearFaults(): void
  /** Faults injected per kind since the last resetCounts(). */
  injected(): Record<FaultKind, number>
}

/** The same controls, each returning a promise, so they can cross a runtime boundary. */
export type AsyncFaultProxyControls = {
  [K in keyof FaultProxyControls]: (
    ...args: Parameters<FaultProxyControls[K]>
  ) => Promise<ReturnType<FaultProxyControls[K]>>
}

/** Answer of GET `${CONTROL_PREFIX}counts`. */
export interface ControlCounts {
  counts: Record<string, number>
  total: number
  injected: Record<FaultKind, number>
}
