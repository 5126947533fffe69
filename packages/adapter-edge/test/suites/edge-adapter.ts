/**
 * The edge adapter as the contract suite builds it: `DynamoDBAdapter`, or,
 * when the suite asks for request events, `createAdapter` over the fetch
 * transport (DynamoDBAdapter leaves events out of the Worker).
 */
import { createAdapter, type DynamoDBAdapterOptions } from "@dynamoauth/core"
import { DynamoDBAdapter } from "../../src/index.js"
import type { FetchTransportConfig } from "../../src/options.js"
import { createFetchTransport } from "../../src/transport.js"

export const edgeAdapter = (config: FetchTransportConfig, options?: DynamoDBAdapterOptions) =>
  options?.onRequest
    ? createAdapter(createFetchTransport(config), options)
    : DynamoDBAdapter(config, options)
