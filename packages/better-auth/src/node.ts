/**
 * @dynamoauth/better-auth/node — the adapter on an AWS SDK v3 client: pass
 * `client` (a `DynamoDBClient` or `DynamoDBDocument`) instead of a transport.
 * The transport is adapter-node's `createNodeTransport`, so this entry needs
 * `@dynamoauth/adapter-node` and `@aws-sdk/client-dynamodb`; the main entry
 * needs neither (Workers use it with `createFetchTransport`).
 *
 * ```ts
 * import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
 * import { dynamoAuthBetterAuth } from "@dynamoauth/better-auth/node"
 * export const auth = betterAuth({
 *   database: dynamoAuthBetterAuth({ client: new DynamoDBClient({ region: "eu-west-1" }) }),
 * })
 * ```
 */
import { createNodeTransport, type SdkClient } from "@dynamoauth/adapter-node"
import type { Transport } from "@dynamoauth/core"
import { invalidOption } from "@dynamoauth/core/internal"
import { type DynamoAuthBetterAuthOptions, dynamoAuthBetterAuth as withTransport } from "./index.js"

export * from "./index.js"

export type DynamoAuthBetterAuthNodeOptions = Omit<DynamoAuthBetterAuthOptions, "transport"> &
  (
    | {
        /** An AWS SDK v3 `DynamoDBClient` or `DynamoDBDocument`. */
        client: SdkClient | { send: (...args: any[]) => Promise<any> }
        transport?: undefined
      }
    | { transport: Transport; client?: undefined }
  )

export function dynamoAuthBetterAuth(options: DynamoAuthBetterAuthNodeOptions) {
  const { client, ...rest } = options ?? ({} as DynamoAuthBetterAuthNodeOptions)
  if (client === undefined) return withTransport(rest as DynamoAuthBetterAuthOptions)
  if (rest.transport !== undefined) {
    throw invalidOption("dynamoAuthBetterAuth", "give either client or transport, not both")
  }
  if (typeof client?.send !== "function") {
    throw invalidOption(
      "dynamoAuthBetterAuth",
      "option client must be an AWS SDK v3 DynamoDBClient or DynamoDBDocument",
    )
  }
  return withTransport({ ...rest, transport: createNodeTransport(client as SdkClient) })
}
