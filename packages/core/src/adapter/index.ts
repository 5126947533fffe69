/**
 * The Auth.js adapter, written once against a transport. Each method's
 * errors become DynamoAuthErrors naming the method.
 */

import { toDynamoAuthError } from "../error-mapping.js"
import { DynamoAuthError } from "../errors.js"
import { createKeys, KEY_TOO_LONG } from "../keys.js"
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
 * The methods that store a value. A value past DynamoDB's key limits cannot be
 * stored, so these refuse it (INVALID_INPUT), and every other method, which
 * looks something up, answers "not found" without a request.
 */
const STORES = /^(create|link|updateUser|updateAuth)/

/** The adapter over `transport`; every method is present (see {@link Adapter}). */
export function createAdapter(transport: Transport, options?: DynamoDBAdapterOptions): Adapter {
  const { table: tableOptions, sessionCacheSize } = resolveAdapterOptions(options)
  const ctx: AdapterContext = {
    options: tableOptions,
    keys: createKeys(tableOptions),
    table: {
      transport: withRequestEvents(
        transport,
        tableOptions.tableName,
        options?.onRequest,
        "DynamoDBAdapter",
      ),
      names: tableOptions,
    },
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
    Reflect.set(adapter, name, async (...args: unknown[]) => {
      try {
        return await (method as (...a: unknown[]) => Promise<unknown>)(...args)
      } catch (error) {
        if ((error as Error)?.name !== KEY_TOO_LONG)
          throw toDynamoAuthError(error, name, tableOptions)
        if (STORES.test(name)) {
          throw new DynamoAuthError({
            code: "INVALID_INPUT",
            operation: name,
            message: (error as Error).message,
          })
        }
        return name === "listAuthenticatorsByUserId"
          ? []
          : name === "unlinkAccount"
            ? undefined
            : null
      }
    })
  }
  return adapter
}
