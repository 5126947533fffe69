/**
 * The one redaction list for every output of every command (summary, JSON
 * report, report file, samples, failures), in both directions. Reports show
 * keys and sample values; credentials of either layout are replaced before
 * anything leaves the library. An attribute named in the list is redacted on
 * any item (also inside maps), whatever its kind: an app's own item with a
 * `password` loses nothing but its password in a report.
 */
import type { AttributeMap, AttributeValue, Keys } from "@dynamoauth/core"
import { afterPrefix, KEY_PREFIX } from "@dynamoauth/core/internal"
import { toJsonValue } from "./json-values.js"

export const REDACTED = "<redacted>"

/**
 * Attribute names whose values are credentials (or carry one), in the
 * Auth.js layout (official, dynamoauth and v3-era) and the Better Auth layout
 * with the plugins users commonly enable, each with why. Not listed, on
 * purpose: passkeys' `publicKey` / `credentialPublicKey` (a public key only
 * verifies signatures) and `credentialID` (the browser sends it in the
 * clear), emails, ids (a Better Auth session's id is not its token; migrated
 * ids are one-way hashes), scopes and expiry dates.
 */
export const SECRET_FIELDS: Readonly<Record<string, string>> = {
  sessionToken: "Auth.js session: the bearer token of the session cookie",
  token:
    "Better Auth session: the bearer token of the session cookie; Auth.js verification token: the hash of the emailed sign-in token",
  access_token: "Auth.js account: OAuth access token",
  refresh_token: "Auth.js account: OAuth refresh token",
  id_token: "Auth.js account: OIDC id token (signed, replayable to some APIs)",
  oauth_token: "Auth.js account: OAuth 1 token",
  oauth_token_secret: "Auth.js account: OAuth 1 token secret",
  session_state: "Auth.js account: OIDC session state",
  accessToken:
    "Better Auth account and v3 account: OAuth access token; v3 session: a second random bearer token",
  refreshToken: "Better Auth account and v3 account: OAuth refresh token",
  idToken: "Better Auth account: OIDC id token",
  password: "Better Auth credential account: the password hash",
  value:
    "Better Auth verification: the value checked (OTPs, tokens, a user id for password reset); secondary storage: session data",
  identifier:
    "Better Auth verification: carries the token for password reset (`reset-password:<token>`), magic links and one-time tokens",
  secret: "Better Auth two-factor: the TOTP secret",
  backupCodes: "Better Auth two-factor: the backup codes",
  privateKey: "Better Auth JWT plugin (jwks): the signing key",
  key: "Better Auth API key plugin: the (hashed) API key",
  deviceCode: "Better Auth device authorization: the code the device polls with",
  userCode: "Better Auth device authorization: the code the user approves",
  clientSecret: "Better Auth OIDC provider / MCP (oauthApplication): the client secret",
}

const isSecret = (name: string) => Object.hasOwn(SECRET_FIELDS, name)

// Auth.js keys: a session key carries the token in either key attribute; a verification key
// carries the (hashed) token in its sort key only, its partition holding the identifier (an email).
const SECRET_ANYWHERE = [KEY_PREFIX.session]
const SECRET_IN_SORT_KEY = [
  KEY_PREFIX.session,
  KEY_PREFIX.verificationToken,
  KEY_PREFIX.verificationRequest,
]
// Better Auth's secondary storage keys (`_kv#<key>`) are session tokens and names derived from them.
const STORAGE_PREFIX = "_kv#"

/**
 * Redacts the secret parts of a key string: Auth.js session tokens and
 * verification token hashes; in the Better Auth layout (`model#field#value…`,
 * `#` escaped inside parts) the value after every secret field name, and the
 * whole secondary-storage key.
 */
export function redactKeyString(value: string, isSortKey: boolean): string {
  for (const prefix of isSortKey ? SECRET_IN_SORT_KEY : SECRET_ANYWHERE) {
    if (afterPrefix(value, prefix) !== undefined) return `${prefix}${REDACTED}`
  }
  if (afterPrefix(value, STORAGE_PREFIX) !== undefined) return `${STORAGE_PREFIX}${REDACTED}`
  const parts = value.split("#")
  for (let i = 1; i + 1 < parts.length; i += 2) {
    if (isSecret(parts[i]!)) parts[i + 1] = REDACTED
  }
  return parts.join("#")
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
  const keyNames = [keys.partitionKey, keys.sortKey, keys.indexPartitionKey, keys.indexSortKey]
  if (keyNames.includes(name) && "S" in value) {
    return redactKeyString(value.S, name === keys.sortKey || name === keys.indexSortKey)
  }
  return redactedJson(name, value)
}

/** Every attribute of an item as JSON, redacted. */
export function redactedItem(item: AttributeMap, keys: Keys): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(item).map((name) => [name, redactedValue(name, item, keys)]),
  )
}

/** A value as JSON; secret names redacted at any depth of maps and lists. */
function redactedJson(name: string, value: AttributeValue): unknown {
  if (isSecret(name)) return REDACTED
  if ("M" in value)
    return Object.fromEntries(Object.entries(value.M).map(([k, v]) => [k, redactedJson(k, v)]))
  if ("L" in value) return value.L.map((v) => redactedJson("", v))
  return toJsonValue(value)
}
