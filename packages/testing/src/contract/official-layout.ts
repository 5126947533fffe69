/**
 * Raw items as `@auth/dynamodb-adapter` writes them (no claims, no pointers),
 * for tests of tables it wrote or shares. `index` overrides the index keys,
 * to write the stale entries it leaves behind.
 */
import type {
  AdapterAccount,
  AdapterAuthenticator,
  AdapterSession,
  AdapterUser,
} from "@auth/core/adapters"
import type { Layout } from "./tables.js"

type Raw = Record<string, unknown>

export function officialLayout({ options }: Layout) {
  const { partitionKey: pk, sortKey: sk, indexPartitionKey: gpk, indexSortKey: gsk } = options
  const keys = (p: string, s: string, gp?: string, gs?: string): Raw => ({
    [pk]: p,
    [sk]: s,
    ...(gp === undefined ? {} : { [gpk]: gp, [gsk]: gs ?? gp }),
  })
  return {
    /** The official adapter indexes every user under `USER#<email>`, `USER#undefined` without one. */
    user: (
      user: Partial<AdapterUser> & { id: string },
      indexedEmail: unknown = user.email,
    ): Raw => ({
      ...user,
      ...(user.emailVerified ? { emailVerified: user.emailVerified.toISOString() } : {}),
      ...keys(`USER#${user.id}`, `USER#${user.id}`, `USER#${indexedEmail}`),
      type: "USER",
    }),
    account: (account: AdapterAccount): Raw => ({
      ...account,
      id: crypto.randomUUID(),
      ...keys(
        `USER#${account.userId}`,
        `ACCOUNT#${account.provider}#${account.providerAccountId}`,
        `ACCOUNT#${account.provider}`,
        `ACCOUNT#${account.providerAccountId}`,
      ),
    }),
    session: (session: AdapterSession, indexedToken = session.sessionToken): Raw => ({
      ...session,
      expires: session.expires.getTime() / 1000,
      ...keys(
        `USER#${session.userId}`,
        `SESSION#${session.sessionToken}`,
        `SESSION#${indexedToken}`,
      ),
      type: "SESSION",
    }),
    /** The layout dynamoauth gives passkeys (the official adapter has none). */
    authenticator: (
      authenticator: AdapterAuthenticator,
      indexedId = authenticator.credentialID,
    ) => ({
      ...authenticator,
      ...keys(
        `USER#${authenticator.userId}`,
        `AUTHENTICATOR#${authenticator.credentialID}`,
        `AUTHENTICATOR#${indexedId}`,
      ),
      type: "AUTHENTICATOR",
    }),
  }
}
