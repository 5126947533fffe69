/**
 * What the workerd project's global setup (global-setup.ts, in Node) provides to the tests inside
 * workerd, besides DynamoDB Local's endpoint; read with vitest's `inject`.
 */
declare module "vitest" {
  export interface ProvidedContext {
    /** The fault proxy in front of DynamoDB Local, driven over its HTTP control API. */
    proxyEndpoint: string
    /** A second one for the suites that inject faults, so they never fault another suite's requests. */
    faultProxyEndpoint: string
  }
}

export {}
