/** The workerd side of the PROXY_CONTROL service binding (see ../proxy-control.ts). */
import type { AsyncProxyControl } from "../suites/async-proxy-control.js"
import { workerEnv } from "./harness/worker-env.js"

interface ServiceBinding {
  fetch(url: string, init?: RequestInit): Promise<Response>
}

/** The controls of the proxy behind the service binding `bindingName`. */
export const remoteProxyControl = (bindingName: string): AsyncProxyControl =>
  new Proxy({} as AsyncProxyControl, {
    // Not thenable, so awaiting the object itself does not send a "then" command.
    get: (_, method) =>
      method === "then"
        ? undefined
        : async (...args: unknown[]) => {
            const binding = workerEnv()[bindingName] as ServiceBinding
            const response = await binding.fetch(`http://proxy-control/${String(method)}`, {
              method: "POST",
              body: JSON.stringify(args),
            })
            if (!response.ok)
              throw new Error(`${bindingName} ${String(method)}: ${await response.text()}`)
            return response.json()
          },
  })
