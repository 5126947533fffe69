/** The workerd side of the PROXY_CONTROL service binding (see ../proxy-control.ts). */
import type { ProxyControl } from "@dynamoauth/testing/contract"
import { workerEnv } from "./harness/worker-env.js"

interface ServiceBinding {
  fetch(url: string, init?: RequestInit): Promise<Response>
}

export const remoteProxyControl: ProxyControl = new Proxy({} as ProxyControl, {
  // Not thenable, so awaiting the object itself does not send a "then" command.
  get: (_, method) =>
    method === "then"
      ? undefined
      : async (...args: unknown[]) => {
          const binding = workerEnv().PROXY_CONTROL as ServiceBinding
          const response = await binding.fetch(`http://proxy-control/${String(method)}`, {
            method: "POST",
            body: JSON.stringify(args),
          })
          if (!response.ok)
            throw new Error(`proxy control ${String(method)}: ${await response.text()}`)
          return response.json()
        },
})
