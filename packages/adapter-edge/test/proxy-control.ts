/**
 * The fault proxy's controls for the suites on Node: the proxy's own methods
 * made async (inside workerd the suites drive it over its HTTP control API,
 * `remoteFaultProxy`). Forwarding by name keeps up with
 * AsyncFaultProxyControls as it grows.
 */
import type { FaultProxy } from "@dynamoauth/testing/fault-proxy"
import type { AsyncFaultProxyControls } from "@dynamoauth/testing/fault-proxy-remote"

/** Methods the suite may not call: the test file owns the proxy's lifetime. */
const FORBIDDEN = new Set(["close"])

function call(proxy: FaultProxy, method: string, args: unknown[]): unknown {
  const fn = (proxy as unknown as Record<string, unknown>)[method]
  if (FORBIDDEN.has(method) || typeof fn !== "function") {
    throw new Error(`fault proxy has no control "${method}"`)
  }
  return fn.apply(proxy, args)
}

/** The controls, called in-process (Node). */
export function localProxyControl(proxy: FaultProxy): AsyncFaultProxyControls {
  return new Proxy({} as AsyncFaultProxyControls, {
    // Not thenable, so awaiting the object itself does not call a "then" control.
    get: (_, method) =>
      method === "then"
        ? undefined
        : async (...args: unknown[]) => call(proxy, String(method), args),
  })
}
