/**
 * @dynamoauth/adapter-edge — the DynamoDB adapter for Auth.js on signed
 * fetch (aws4fetch), for Cloudflare Workers, Vercel Edge, Next.js middleware,
 * Deno, Bun and browsers (and Node). Same table, options, behaviour and
 * stored bytes as `@dynamoauth/adapter-node` and `@auth/dynamodb-adapter`.
 *
 * ```ts
 * import { DynamoDBAdapter } from "@dynamoauth/adapter-edge"
 * const adapter = DynamoDBAdapter({
 *   region: env.AWS_REGION,
 *   credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
 * })
 * ```
 */
import type { Adapter, DynamoDBAdapterOptions } from "@dynamoauth/core"
import { adapterOver, invalidOption } from "@dynamoauth/core/internal"
import type { FetchTransportConfig } from "./options.js"
import { createFetchTransport } from "./transport.js"

// Core's whole public API (types, errors, `format`, `createTableInput`, …), so an app imports from one package.
export * from "@dynamoauth/core"
export { EDGE_DEFAULTS, type EdgeCredentials, type FetchTransportConfig } from "./options.js"
export { createFetchTransport } from "./transport.js"

/**
 * @param config where DynamoDB is and how to sign: `region`, optional
 * `endpoint`, and `credentials` or an aws4fetch `client`; plus timeout and
 * retry settings (see {@link FetchTransportConfig}).
 * @param options the table and attribute names, as in `@auth/dynamodb-adapter`.
 * Request events are left out, so a Worker that does not use them does not
 * carry them: for `onRequest`, build the adapter with
 * `createAdapter(createFetchTransport(config), { onRequest })`.
 */
export function DynamoDBAdapter(
  config: FetchTransportConfig,
  options?: Omit<DynamoDBAdapterOptions, "onRequest">,
): Adapter {
  if ((options as DynamoDBAdapterOptions | undefined)?.onRequest !== undefined) {
    throw invalidOption(
      "DynamoDBAdapter",
      "option onRequest: use createAdapter(createFetchTransport(config), { onRequest })",
    )
  }
  return adapterOver(createFetchTransport(config), options)
}
