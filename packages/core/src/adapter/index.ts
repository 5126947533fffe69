/**
 * The Auth.js adapter, written once against a transport. Each method's
 * errors become DynamoAuthErrors naming the method.
 */
import type { Adapter } from "@auth/core/adapters"
import { toDynamoAuthError } from "../error-mapping.js"
import { LruCache } from "../lru-cache.js"
import { type DynamoDBAdapterOptions, resolveAdapterOptions } from "../options.js"
import { createTableClient } from "../table-client.js"
import type { Transport } from "../transport.js"
import { accountMethods } from "./accounts.js"
import { authenticatorMethods } from "./authenticators.js"
import { createContext } from "./context.js"
import { sessionMethods } from "./sessions.js"
import { userMethods } from "./users.js"
import { verificationTokenMethods } from "./verification-tokens.js"

export function createAdapter(transport: Transport, options?: DynamoDBAdapterOptions): Adapter {
  const { table: tableOptions, sessionCacheSize } = resolveAdapterOptions(options)
  const ctx = createContext(
    tableOptions,
    createTableClient(transport, tableOptions),
    new LruCache<string, string>(sessionCacheSize),
  )
  const methods = {
    ...userMethods(ctx),
    ...accountMethods(ctx),
    ...sessionMethods(ctx),
    ...verificationTokenMethods(ctx),
    ...authenticatorMethods(ctx),
  }
  const adapter: Record<string, unknown> = {}
  for (const [name, method] of Object.entries(methods)) {
    adapter[name] = async (...args: unknown[]) => {
      try {
        return await (method as (...a: unknown[]) => Promise<unknown>)(...args)
      } catch (error) {
        throw toDynamoAuthError(error, name, tableOptions)
      }
    }
  }
  return adapter as Adapter
}
