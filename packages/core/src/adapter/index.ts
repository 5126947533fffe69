/**
 * The Auth.js adapter, written once against a transport. Each method's
 * errors become DynamoAuthErrors naming the method (the one error wrapper).
 * Keys are measured where they are built (keys.ts): a lookup of a value past
 * DynamoDB's key limits finds nothing (`findOr`), a write of one is INVALID_INPUT.
 */

import { withErrors } from "../error-mapping.js"
import { createKeys } from "../keys.js"
import { LruCache } from "../lru-cache.js"
import { type DynamoDBAdapterOptions, resolveAdapterOptions } from "../options.js"
import { withRequestEvents } from "../request-events.js"
import type { Transport } from "../transport.js"
import { accountMethods } from "./accounts.js"
import { authenticatorMethods } from "./authenticators.js"
import type { AdapterContext } from "./context.js"
import { sessionMethods } from "./sessions.js"
import type { Adapter } from "./types.js"
import { userMethods } from "./users.js"
import { verificationTokenMethods } from "./verification-tokens.js"

/**
 * The adapter over `transport`, reporting each request to `options.onRequest`
 * when given; every method is present (see {@link Adapter}).
 */
export function createAdapter(transport: Transport, options?: DynamoDBAdapterOptions): Adapter {
  const { tableName } = resolveAdapterOptions(options).table
  return adapterOver(
    withRequestEvents(transport, tableName, options?.onRequest, "DynamoDBAdapter"),
    options,
  )
}

/**
 * The adapter over `transport`, without request events: what adapter-edge's
 * `DynamoDBAdapter` builds, so a Worker that does not ask for events
 * (`createAdapter` with `onRequest`) does not carry their code.
 */
export function adapterOver(
  transport: Transport,
  options?: Omit<DynamoDBAdapterOptions, "onRequest">,
): Adapter {
  const { table: tableOptions, sessionCacheSize } = resolveAdapterOptions(options)
  const ctx: AdapterContext = {
    options: tableOptions,
    keys: createKeys(tableOptions),
    table: { transport, names: tableOptions },
    sessionOwners: new LruCache<string, string>(sessionCacheSize),
  }
  // Typed, so each method is checked against the declared interface.
  const adapter: Adapter = {
    ...userMethods(ctx),
    ...accountMethods(ctx),
    ...sessionMethods(ctx),
    ...verificationTokenMethods(ctx),
    ...authenticatorMethods(ctx),
  }
  // Each method is replaced in place by one that maps its errors and keeps its signature.
  for (const [name, method] of Object.entries(adapter)) {
    const run = method as (...args: unknown[]) => Promise<unknown>
    Reflect.set(adapter, name, (...args: unknown[]) =>
      withErrors(name, tableOptions, () => run(...args)),
    )
  }
  return adapter
}
