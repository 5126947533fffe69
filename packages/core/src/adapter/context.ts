/** What every adapter module shares: options, keys, the table and the session cache. */
import { fromStored, toStored } from "../format.js"
import { ITEM_TYPE, type Keys } from "../keys.js"
import type { LruCache } from "../lru-cache.js"
import type { ResolvedTableOptions } from "../options.js"
import type { Item, Table } from "../table/types.js"

export interface AdapterContext {
  options: ResolvedTableOptions
  keys: Keys
  table: Table
  /** sessionToken → userId. The mapping never changes, so it can be cached safely. */
  sessionOwners: LruCache<string, string>
}

/** A stored item as an Auth.js object: no key attributes, no type marker, Dates revived. */
export function toAuthObject<T>(ctx: AdapterContext, item: Item | undefined | null): T | null {
  return fromStored<T>(item, ctx.keys.attributeNames)
}

/** Auth.js data as stored attributes; key attribute names in the data are dropped, never written. */
export function toData(ctx: AdapterContext, object: object): Item {
  const stored = toStored(object as Record<string, unknown>)
  for (const name of ctx.keys.attributeNames) delete stored[name]
  return stored
}

/** The item is there. */
export const EXISTS = { expression: "attribute_exists(#pk)" }

/**
 * The user is there and no deleteUser has begun on it: sessions, accounts and passkeys are only
 * written for such a user (user items without a `type` pass, as older tables may hold them).
 */
export const LIVE_USER = {
  expression: "attribute_exists(#pk) AND (attribute_not_exists(#type) OR #type <> :leaving)",
  values: { ":leaving": ITEM_TYPE.userLeaving },
}

/** The item is not there. */
export const ABSENT = { expression: "attribute_not_exists(#pk)" }

// One implementation of a SET clause, shared with the public generateUpdateExpression.
export { setExpression } from "../format.js"
