/**
 * @dynamoauth/testing/fault-proxy-remote — the proxy's control API over HTTP, so tests running
 * where the proxy object is out of reach (inside workerd, another process) can drive it. Control
 * requests are neither counted nor faulted. Web APIs only.
 */
import { type AsyncFaultProxyControls, CONTROL_PREFIX, type ControlCounts } from "./controls.js"

/**
 * Drives a fault proxy through its control API. `endpoint` is the proxy's endpoint (the one the
 * DynamoDB client uses); `fetch` defaults to the global one (pass a Worker binding's fetch, for
 * instance).
 */
export function remoteFaultProxy(
  endpoint: string,
  options: { fetch?: typeof fetch } = {},
): AsyncFaultProxyControls {
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

export { type AsyncFaultProxyControls, CONTROL_PREFIX } from "./controls.js"
