/**
 * What a transport's test file hands to the contract suite. Everything here
 * is Web-API only, so the same suite runs in Node and inside workerd.
 */
import type { Adapter } from "@auth/core/adapters"
import type { DynamoDBAdapterOptions, Transport } from "@dynamoauth/core"
import type { AsyncFaultProxyControls } from "../fault-proxy/controls.js"

export interface ContractTarget {
  /** Shown in test names, e.g. "node" or "edge (workerd)". */
  name: string
  /** Sends straight to DynamoDB Local: table set-up and raw read-backs. */
  transport: Transport
  /** An adapter over this runtime's transport, talking to DynamoDB directly. */
  makeAdapter(options?: DynamoDBAdapterOptions): Adapter
  /** When given: adapters whose requests pass through the fault proxy. */
  proxied?: {
    makeAdapter(options?: DynamoDBAdapterOptions): Adapter
    /** The proxy's controls, async so they can cross a runtime boundary. */
    control: AsyncFaultProxyControls
  }
}
