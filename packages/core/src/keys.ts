/**
 * Every key string and key attribute name of the single-table layout is built
 * here, and nowhere else (docs/architecture.md has the layout as a table).
 */
import type { ResolvedOptions } from "./options.js"

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

/** Markers removed from returned objects (an account's `type` is data: oauth, email, …). */
export const MARKER_TYPES: ReadonlySet<string> = new Set(Object.values(ITEM_TYPE))

export type PlainKey = Record<string, string>

export interface IndexKey {
  partition: string
  sort: string
}

export type Keys = ReturnType<typeof createKeys>

export function createKeys(options: ResolvedOptions) {
  const { partitionKey: pk, sortKey: sk, indexPartitionKey: gpk, indexSortKey: gsk } = options
  const primary = (partition: string, sort: string): PlainKey => ({ [pk]: partition, [sk]: sort })
  const index = (partition: string, sort: string): PlainKey => ({ [gpk]: partition, [gsk]: sort })
  const same = (value: string) => primary(value, value)

  const userPartition = (userId: string) => `USER#${userId}`

  return {
    /** The four key attribute names, stripped from every returned object. */
    attributeNames: [pk, sk, gpk, gsk] as const,
    partitionKey: pk,
    sortKey: sk,
    indexPartitionKey: gpk,
    indexSortKey: gsk,
    userPartition,

    user: (id: string) => same(userPartition(id)),
    userIndex: (email: string) => index(`USER#${email}`, `USER#${email}`),

    account: (userId: string, provider: string, providerAccountId: string) =>
      primary(userPartition(userId), `ACCOUNT#${provider}#${providerAccountId}`),
    accountIndex: (provider: string, providerAccountId: string) =>
      index(`ACCOUNT#${provider}`, `ACCOUNT#${providerAccountId}`),

    session: (userId: string, sessionToken: string) =>
      primary(userPartition(userId), `SESSION#${sessionToken}`),
    sessionIndex: (sessionToken: string) =>
      index(`SESSION#${sessionToken}`, `SESSION#${sessionToken}`),

    verificationToken: (identifier: string, token: string) =>
      primary(`VT#${identifier}`, `VT#${token}`),

    authenticator: (userId: string, credentialID: string) =>
      primary(userPartition(userId), `AUTHENTICATOR#${credentialID}`),
    authenticatorIndex: (credentialID: string) =>
      index(`AUTHENTICATOR#${credentialID}`, `AUTHENTICATOR#${credentialID}`),
    /** Sort-key prefix of a user's authenticators within the user's partition. */
    authenticatorPrefix: "AUTHENTICATOR#",

    emailClaim: (email: string) => same(`EMAIL#${email}`),
    accountClaim: (provider: string, providerAccountId: string) =>
      same(`ACCOUNT#${provider}#${providerAccountId}`),
    sessionPointer: (sessionToken: string) => same(`SESSION#${sessionToken}`),
    credentialClaim: (credentialID: string) => same(`AUTHENTICATOR#${credentialID}`),

    /** The primary key of a raw item. */
    keyOf: (item: Record<string, unknown>): PlainKey => ({
      [pk]: item[pk] as string,
      [sk]: item[sk] as string,
    }),
  }
}
