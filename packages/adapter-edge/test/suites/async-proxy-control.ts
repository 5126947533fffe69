/** The fault proxy's controls as async functions, so they can cross from workerd to Node. */
import type { FaultProxy } from "@dynamoauth/testing/fault-proxy"

export type AsyncProxyControl = {
  [K in Exclude<keyof FaultProxy, "close" | "endpoint">]: FaultProxy[K] extends (
    ...args: infer A
  ) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never
}
