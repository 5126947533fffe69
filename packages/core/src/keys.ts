/**
 * Every key string and key attribute name of the single-table layout is built
 * here, and nowhere else (docs/architecture.md has the layout as a table).
 */
import { MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES } from "./limits.js"
import type { ResolvedTableOptions } from "./options.js"

/** Item `type` markers. The first three are the official adapter's. */
export const ITEM_TYPE = {
  user: "USER",
  session: "SESSION",
  verificationToken: "VT",
  authenticator: "AUTHENTICATOR",
  emailClaim: "EMAIL_CLAIM",
  accountClaim: "ACCOUNT_CLAIM",
  sessionPointer: "SESSION_POINTER",
  credentialClaim: "AUTHENTICATOR_CLAIM",
} as const

/**
 * The attributes the adapter writes besides the four key attributes: the
 * Auth.js fields of users, accounts (with the standard OAuth token fields),
 * sessions, verification tokens and passkeys, and the `type`/`userId` of
 * markers and claims. No key attribute may be named like one of them. The
 * contract suite checks this list against the raw items the adapter writes.
 */
export const STORED_ATTRIBUTES: readonly string[] =
  "type id userId name email emailVerified image provider providerAccountId access_token refresh_token expires_at token_type scope id_token session_state sessionToken expires identifier token credentialID credentialPublicKey counter credentialDeviceType credentialBackedUp transports".split(
    " ",
  )

/** Markers removed from returned objects (an account's `type` is data: oauth, email, …). */
export const MARKER_TYPES: ReadonlySet<string> = new Set(Object.values(ITEM_TYPE))

export type PlainKey = Record<string, string>

export interface IndexKey {
  partition: string
  sort: string
}

/** The key builders of one table layout (see {@link createKeys}). */
export type Keys = ReturnType<typeof createKeys>

/**
 * The name of the error a key builder throws when a value would make a key
 * longer than DynamoDB allows. Lookups turn it into "not found" (no such item
 * can exist), writes into INVALID_INPUT naming the field.
 */
export const KEY_TOO_LONG = "KeyTooLong"

/** The value, if it fits in `limit` UTF-8 bytes; otherwise a KEY_TOO_LONG error naming `field`. */
function fit(value: string, limit: number, field: string): string {
  // UTF-8 needs at most 3 bytes per UTF-16 unit: only long strings are measured.
  if (value.length * 3 > limit && new TextEncoder().encode(value).length > limit) {
    const error = new Error(`${field} is over DynamoDB's ${limit}-byte key limit`)
    error.name = KEY_TOO_LONG
    throw error
  }
  return value
}

/**
 * One part of a key made of several values: `%` and `#` are escaped, so no
 * choice of values can produce another's key (`a#b` + `c` ≠ `a` + `b#c`).
 * Values without either character are unchanged.
 */
const part = (value: string) => value.replace(/[%#]/g, (c) => (c === "#" ? "%23" : "%25"))

/**
 * Every key of the single-table layout for the given (resolved) names:
 * `keys.user(id)`, `keys.session(userId, token)`, `keys.userPartition(id)`, …,
 * each a plain `{ [partitionKey]: …, [sortKey]: … }` object. Use it instead of
 * writing `USER#…` or `"pk"` yourself, so custom key names keep working.
 */
export function createKeys(options: ResolvedTableOptions) {
  const { partitionKey: pk, sortKey: sk, indexPartitionKey: gpk, indexSortKey: gsk } = options
  // `fields` names what the partition (and sort) value is made of, for errors.
  const key = (a: string, b: string, partition: string, sort: string, fields: string[]) => ({
    [a]: fit(partition, MAX_PARTITION_KEY_BYTES, fields[0]!),
    [b]: fit(sort, MAX_SORT_KEY_BYTES, fields[1] ?? fields[0]!),
  })
  const primary = (partition: string, sort: string, ...fields: string[]): PlainKey =>
    key(pk, sk, partition, sort, fields)
  const index = (partition: string, sort: string, ...fields: string[]): PlainKey =>
    key(gpk, gsk, partition, sort, fields)
  const same = (value: string, field: string) => primary(value, value, field)

  const userPartition = (userId: string) => fit(`USER#${userId}`, MAX_PARTITION_KEY_BYTES, "userId")

  return {
    /** The four key attribute names, stripped from every returned object. */
    attributeNames: [pk, sk, gpk, gsk] as const,
    partitionKey: pk,
    sortKey: sk,
    indexPartitionKey: gpk,
    indexSortKey: gsk,
    userPartition,

    user: (id: string) => same(`USER#${id}`, "userId"),
    userIndex: (email: string) => index(`USER#${email}`, `USER#${email}`, "email"),

    // The official adapter's layout, kept byte for byte (its sort key joins two values with #).
    account: (userId: string, provider: string, providerAccountId: string) =>
      primary(
        `USER#${userId}`,
        `ACCOUNT#${provider}#${providerAccountId}`,
        "userId",
        "provider + providerAccountId",
      ),
    accountIndex: (provider: string, providerAccountId: string) =>
      index(`ACCOUNT#${provider}`, `ACCOUNT#${providerAccountId}`, "provider", "providerAccountId"),

    session: (userId: string, sessionToken: string) =>
      primary(`USER#${userId}`, `SESSION#${sessionToken}`, "userId", "sessionToken"),
    sessionIndex: (sessionToken: string) =>
      index(`SESSION#${sessionToken}`, `SESSION#${sessionToken}`, "sessionToken"),

    verificationToken: (identifier: string, token: string) =>
      primary(`VT#${identifier}`, `VT#${token}`, "identifier", "token"),

    authenticator: (userId: string, credentialID: string) =>
      primary(`USER#${userId}`, `AUTHENTICATOR#${credentialID}`, "userId", "credentialID"),
    authenticatorIndex: (credentialID: string) =>
      index(`AUTHENTICATOR#${credentialID}`, `AUTHENTICATOR#${credentialID}`, "credentialID"),
    /** Sort-key prefix of a user's authenticators within the user's partition. */
    authenticatorPrefix: "AUTHENTICATOR#",

    emailClaim: (email: string) => same(`EMAIL#${email}`, "email"),
    // dynamoauth's own item: its two parts are escaped, so the key is unambiguous.
    accountClaim: (provider: string, providerAccountId: string) =>
      same(`ACCOUNT#${part(provider)}#${part(providerAccountId)}`, "provider + providerAccountId"),
    sessionPointer: (sessionToken: string) => same(`SESSION#${sessionToken}`, "sessionToken"),
    credentialClaim: (credentialID: string) =>
      same(`AUTHENTICATOR#${credentialID}`, "credentialID"),

    /** The primary key of a raw item. */
    keyOf: (item: Record<string, unknown>): PlainKey => ({
      [pk]: item[pk] as string,
      [sk]: item[sk] as string,
    }),
  }
}
