/**
 * The proxy's control API over HTTP, so tests running where the proxy object is out of reach
 * (inside workerd, another process) can drive it. Routes live under CONTROL_PREFIX on the proxy's
 * own endpoint; DynamoDB requests always go to "/", so they never collide. Control requests are
 * neither counted nor faulted. Web APIs only: this file is shared by the Node server and the
 * fetch-based client.
 */
import type { FaultKind, FaultOptions } from "./faults.js"
import type { IndexLagKeys } from "./index-lag.js"

export const CONTROL_PREFIX = "/__fault-proxy/"

/** Answer of GET `${CONTROL_PREFIX}counts`. */
export interface ControlCounts {
  counts: Record<string, number>
  total: number
  injected: Record<FaultKind, number>
}

/** The proxy's controls, all async, as `remoteFaultProxy()` offers them. */
export interface RemoteFaultProxy {
  counts(): Promise<Record<string, number>>
  total(): Promise<number>
  injected(): Promise<Record<FaultKind, number>>
  resetCounts(): Promise<void>
  setDelay(ms: number): Promise<void>
  setIndexLag(ms: number, keyNames?: IndexLagKeys): Promise<void>
  setFaults(faults: FaultOptions): Promise<void>
  clearFaults(): Promise<void>
}

/**
 * Drives a fault proxy through its control API. `endpoint` is the proxy's endpoint (the one the
 * DynamoDB client uses); `fetch` defaults to the global one (pass a Worker binding's fetch, for
 * instance).
 */
export function remoteFaultProxy(
  endpoint: string,
  options: { fetch?: typeof fetch } = {},
): RemoteFaultProxy {
  const doFetch = options.fetch ?? fetch
  const call = async (route: string, body?: unknown): Promise<unknown> => {
    const url = new URL(`${CONTROL_PREFIX}${route}`, endpoint)
    const response = await doFetch(url, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    if (!response.ok) {
      throw new Error(`remoteFaultProxy ${route}: HTTP ${response.status}: ${text.slice(0, 300)}`)
    }
    return text ? JSON.parse(text) : undefined
  }
  const snapshot = () => call("counts") as Promise<ControlCounts>
  return {
    counts: async () => (await snapshot()).counts,
    total: async () => (await snapshot()).total,
    injected: async () => (await snapshot()).injected,
    resetCounts: async () => void (await call("reset-counts", {})),
    setDelay: async (ms) => void (await call("delay", { ms })),
    setIndexLag: async (ms, keyNames) => void (await call("index-lag", { ms, keyNames })),
    setFaults: async (faults) => void (await call("faults", faults)),
    clearFaults: async () => void (await call("clear-faults", {})),
  }
}
