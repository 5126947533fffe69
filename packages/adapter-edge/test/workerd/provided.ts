/**
 * What the workerd project's global setup (global-setup.ts, in Node) provides
 * to the tests inside workerd; read with vitest's `inject`.
 */
declare module "vitest" {
  export interface ProvidedContext {
    /** The fault proxy in front of DynamoDB Local for the contract suite. */
    proxyEndpoint: string
    /** The retry suite's own proxy, so its faults and counts never meet the contract suite's. */
    retryProxyEndpoint: string
    /** The loopback server that echoes signed requests into errors (../echo-server.ts). */
    echoEndpoint: string
    /** Node-side checks the tests in workerd ask for over HTTP (node-side.ts). */
    nodeSideEndpoint: string
    /** Cross-runtime: the table adapter-node wrote in Node, and its user's id. */
    crossNodeTable: string
    crossNodeUserId: string
  }
}

export {}
