/**
 * What a transport's test file hands to the contract suite. Everything here
 * is Web-API only, so the same suite runs in Node and inside workerd.
 */
import type { Adapter } from "@auth/core/adapters"
import type { DynamoDBAdapterOptions, Transport } from "@dynamoauth/core"

/** Controls of the loopback fault proxy, async so they can cross a runtime boundary. */
export interface ProxyControl {
  /** Requests per DynamoDB operation since the last reset. */
  counts(): Promise<Record<string, number>>
  resetCounts(): Promise<void>
  /** Hides index query results for `ms` after an item (keyed by these attributes) is written. */
  setIndexLag(ms: number, keyNames?: { partitionKey: string; sortKey: string }): Promise<void>
  /** Per-request fault probabilities (0..1); see @dynamoauth/testing/fault-proxy. */
  setFaults(faults: {
    throttleRate?: number
    serverErrorRate?: number
    resetRate?: number
    resetAfterForwardRate?: number
    unprocessedRate?: number
    operations?: string[]
    maxFaults?: number
  }): Promise<void>
  clearFaults(): Promise<void>
  /** Faults injected per kind since the last resetCounts(). */
  injected(): Promise<Record<string, number>>
}

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
    control: ProxyControl
  }
}
