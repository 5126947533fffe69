/**
 * @dynamoauth/adapter-node — the DynamoDB adapter for Auth.js on the AWS SDK
 * v3. A drop-in replacement for `@auth/dynamodb-adapter`: same table, same
 * options, same helpers.
 *
 * ```ts
 * import { DynamoDBAdapter } from "@dynamoauth/adapter-node"
 * const adapter = DynamoDBAdapter(DynamoDBDocument.from(new DynamoDB(config)))
 * ```
 */

import type { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { type Adapter, createAdapter, type DynamoDBAdapterOptions } from "@dynamoauth/core"
import { createNodeTransport, type SdkClient } from "./transport.js"

// Core's whole public API (types, errors, `format`, `createTableInput`, …), so an app imports from one package.
export * from "@dynamoauth/core"
export { createNodeTransport, type SdkClient } from "./transport.js"

/**
 * @param client a `DynamoDBDocument` (as in the official adapter's docs, with
 * or without marshall options) or a plain `DynamoDBClient`.
 */
export function DynamoDBAdapter(
  client: DynamoDBDocument | DynamoDBClient | SdkClient,
  options?: DynamoDBAdapterOptions,
): Adapter {
  return createAdapter(createNodeTransport(client as SdkClient), options)
}
