/**
 * Reports show keys and sample values; sessions' keys carry the session
 * token (a bearer credential), a verification token's sort key carries its
 * hash, and accounts carry OAuth tokens. Those are replaced before anything
 * leaves the library.
 */
import type { AttributeMap, Keys } from "@dynamoauth/core"
import { afterPrefix, KEY_PREFIX } from "@dynamoauth/core/internal"
import { toJsonValue } from "./json-values.js"

const REDACTED = "<redacted>"

/** Attribute names whose values are credentials. */
export const SECRET_ATTRIBUTES: ReadonlySet<string> = new Set([
  "sessionToken",
  "accessToken",
  "access_token",
  "refreshToken",
  "refresh_token",
  "id_token",
  "token",
  "oauth_token",
  "oauth_token_secret",
  "session_state",
])

// A session key carries the token in either key attribute; a verification key carries the
// (hashed) token in its sort key only, its partition holding the identifier.
const SECRET_ANYWHERE = [KEY_PREFIX.session]
const SECRET_IN_SORT_KEY = [
  KEY_PREFIX.session,
  KEY_PREFIX.verificationToken,
  KEY_PREFIX.verificationRequest,
]

/** Redacts the secret part of a key string: a session token, and a verification token's hash. */
export function redactKeyString(value: string, isSortKey: boolean): string {
  for (const prefix of isSortKey ? SECRET_IN_SORT_KEY : SECRET_ANYWHERE) {
    if (afterPrefix(value, prefix) !== undefined) return `${prefix}${REDACTED}`
  }
  return value
}

/** The primary key of an item, printable. */
export function redactedKey(item: AttributeMap, keys: Keys): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, isSort] of [
    [keys.partitionKey, false],
    [keys.sortKey, true],
  ] as const) {
    const value = item[name]
    out[name] =
      value && "S" in value ? redactKeyString(value.S, isSort) : String(toJsonValue(value))
  }
  return out
}

/** One attribute's value as JSON, redacted when it is a secret or a key. */
export function redactedValue(name: string, item: AttributeMap, keys: Keys): unknown {
  const value = item[name]
  if (value === undefined) return undefined
  if (SECRET_ATTRIBUTES.has(name)) return REDACTED
  const keyNames = [keys.partitionKey, keys.sortKey, keys.indexPartitionKey, keys.indexSortKey]
  if (keyNames.includes(name) && "S" in value) {
    return redactKeyString(value.S, name === keys.sortKey || name === keys.indexSortKey)
  }
  return toJsonValue(value)
}
