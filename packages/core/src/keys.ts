/**
 * Every key string and key attribute name of the single-table layout is built
 * here, and nowhere else (docs/architecture.md has the layout as a table).
 */
import { fitKey as fit, MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES } from "./limits.js"

/** Item `type` markers. The first three are the official adapter's. */
export const ITEM_TYPE = {
  user: "USER",
  /** A user whose deleteUser has begun: it gets no new session, account or passkey. */
  userLeaving: "USER_LEAVING",
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

/**
 * The four key attribute names (a `ResolvedTableOptions` is one). Declared here, not imported
 * from options.ts, which imports this module's STORED_ATTRIBUTES: no import cycle.
 */
export interface KeyNames {
  partitionKey: string
  sortKey: string
  indexPartitionKey: string
  indexSortKey: string
}

/** The key builders of one table layout (see {@link createKeys}). */
export type Keys = ReturnType<typeof createKeys>

/**
 * One part of a key made of several values: `%` and `#` are escaped, so no
 * choice of values can produce another's key (`a#b` + `c` ≠ `a` + `b#c`).
 * Values without either character are unchanged.
 */
export const escapeKeyPart = (value: string) =>
  value.replace(/[%#]/g, (c) => (c === "#" ? "%23" : "%25"))

/**
 * Every key of the single-table layout for the given (resolved) names:
 * `keys.user(id)`, `keys.session(userId, token)`, `keys.userPartition(id)`, …,
 * each a plain `{ [partitionKey]: …, [sortKey]: … }` object. Use it instead of
 * writing `USER#…` or `"pk"` yourself, so custom key names keep working.
 * Takes the resolved table options as they are (it reads only the key names).
 */
export function createKeys(options: KeyNames & { tableName?: string; indexName?: string }) {
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
  const sameIndex = (value: string, field: string) => index(value, value, field)

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
    userIndex: (email: string) => sameIndex(`USER#${email}`, "email"),

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
    sessionIndex: (sessionToken: string) => sameIndex(`SESSION#${sessionToken}`, "sessionToken"),

    verificationToken: (identifier: string, token: string) =>
      primary(`VT#${identifier}`, `VT#${token}`, "identifier", "token"),

    authenticator: (userId: string, credentialID: string) =>
      primary(`USER#${userId}`, `AUTHENTICATOR#${credentialID}`, "userId", "credentialID"),
    authenticatorIndex: (credentialID: string) =>
      sameIndex(`AUTHENTICATOR#${credentialID}`, "credentialID"),
    /** Sort-key prefix of a user's authenticators within the user's partition. */
    authenticatorPrefix: "AUTHENTICATOR#",

    emailClaim: (email: string) => same(`EMAIL#${email}`, "email"),
    // dynamoauth's own item: its two parts are escaped, so the key is unambiguous.
    accountClaim: (provider: string, providerAccountId: string) =>
      same(
        `ACCOUNT#${escapeKeyPart(provider)}#${escapeKeyPart(providerAccountId)}`,
        "provider + providerAccountId",
      ),
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

/**
 * The prefixes that start key strings, for reading keys. The builders above
 * write them inline (fewer bytes in an edge bundle); keys.test.ts parses what
 * every builder writes, so the two cannot drift apart. `VR#` is the v3-era
 * verification request, which `dynamoauth migrate` re-keys to `VT#`.
 */
export const KEY_PREFIX = {
  user: "USER#",
  account: "ACCOUNT#",
  session: "SESSION#",
  authenticator: "AUTHENTICATOR#",
  verificationToken: "VT#",
  verificationRequest: "VR#",
  email: "EMAIL#",
} as const

/** What `key` holds after `prefix`, or undefined when it does not start with `prefix`. */
export function afterPrefix(key: string, prefix: string): string | undefined {
  return key.startsWith(prefix) ? key.slice(prefix.length) : undefined
}

/** What a primary key says about its item (see {@link parseKey}). */
export type ParsedKey =
  | { kind: "user"; userId: string }
  /** `account` is `<provider>#<providerAccountId>` as the official adapter joins them: unescaped, so not split. */
  | { kind: "account"; userId: string; account: string }
  | { kind: "session"; userId: string; sessionToken: string }
  | { kind: "authenticator"; userId: string; credentialID: string }
  | { kind: "verificationToken"; identifier: string; token: string }
  | { kind: "verificationRequest"; identifier: string; token: string }
  | { kind: "emailClaim"; email: string }
  | { kind: "accountClaim"; provider: string; providerAccountId: string }
  | { kind: "sessionPointer"; sessionToken: string }
  | { kind: "credentialClaim"; credentialID: string }

/** A key attribute's string, from a plain item or a marshalled one (`{ S: … }`). */
const keyString = (value: unknown): string | undefined =>
  typeof value === "string"
    ? value
    : typeof (value as { S?: unknown } | undefined)?.S === "string"
      ? (value as { S: string }).S
      : undefined

const unescapePart = (value: string) => value.replace(/%2[35]/g, (c) => (c === "%23" ? "#" : "%"))

/**
 * Reads an item's primary key under the configured key attribute names: what
 * kind of item it is and the values its key carries, or undefined for a key
 * that is not of the layout (another application's item, a malformed key).
 * The item may be plain (`{ pk: "USER#1" }`) or marshalled (`{ pk: { S: "USER#1" } }`).
 * The inverse of the builders of {@link createKeys}.
 */
export function parseKey(
  item: Record<string, unknown>,
  names: { partitionKey: string; sortKey: string },
): ParsedKey | undefined {
  const partition = keyString(item[names.partitionKey])
  const sort = keyString(item[names.sortKey])
  if (partition === undefined || sort === undefined) return undefined
  const P = KEY_PREFIX
  const userId = afterPrefix(partition, P.user)
  if (userId !== undefined) {
    if (sort === partition) return { kind: "user", userId }
    const account = afterPrefix(sort, P.account)
    if (account !== undefined) return { kind: "account", userId, account }
    const sessionToken = afterPrefix(sort, P.session)
    if (sessionToken !== undefined) return { kind: "session", userId, sessionToken }
    const credentialID = afterPrefix(sort, P.authenticator)
    if (credentialID !== undefined) return { kind: "authenticator", userId, credentialID }
    return undefined
  }
  for (const kind of ["verificationToken", "verificationRequest"] as const) {
    const identifier = afterPrefix(partition, P[kind])
    const token = afterPrefix(sort, P[kind])
    if (identifier !== undefined && token !== undefined) return { kind, identifier, token }
  }
  // Claims and pointers repeat one value in both key attributes.
  if (partition !== sort) return undefined
  const email = afterPrefix(partition, P.email)
  if (email !== undefined) return { kind: "emailClaim", email }
  const account = afterPrefix(partition, P.account)
  if (account !== undefined) {
    // Both parts are escaped (escapeKeyPart), so a claim holds exactly one separator.
    const parts = account.split("#")
    if (parts.length !== 2) return undefined
    return {
      kind: "accountClaim",
      provider: unescapePart(parts[0]!),
      providerAccountId: unescapePart(parts[1]!),
    }
  }
  const sessionToken = afterPrefix(partition, P.session)
  if (sessionToken !== undefined) return { kind: "sessionPointer", sessionToken }
  const credentialID = afterPrefix(partition, P.authenticator)
  if (credentialID !== undefined) return { kind: "credentialClaim", credentialID }
  return undefined
}
