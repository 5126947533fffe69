/**
 * The Auth.js adapter types, declared here instead of imported from `@auth/core/adapters`.
 *
 * next-auth 4 apps have no `@auth/core` (and cannot add a current one: next-auth 4.24 pins its
 * optional peer to 0.34.x), so a `.d.ts` that imports it types the adapter as `any` there.
 * These shapes are what both generations exchange with an adapter: the adapter type-checks as
 * next-auth 4's `Adapter` (whose members are function properties, so parameters are checked
 * strictly: they accept what next-auth 4 passes) and as `@auth/core`'s `Adapter` (next-auth 5,
 * `@auth/express`, …), which `packages/frameworks-tests` proves with `tsc` on the packed packages.
 */

/** A user. Auth.js's `AdapterUser`; other fields a provider gave are stored and returned too. */
export interface AdapterUser {
  id: string
  email: string
  emailVerified: Date | null
  name?: string | null
  image?: string | null
}

/** The account types Auth.js stores (`AdapterAccountType`). */
export type AdapterAccountType = "oauth" | "oidc" | "email" | "webauthn"

/**
 * A provider account linked to a user, with whatever tokens the provider returned. A type
 * alias, not an interface: `@auth/core`'s account has an index signature (JSON values), which
 * only an alias satisfies implicitly.
 */
export type AdapterAccount = {
  userId: string
  type: AdapterAccountType
  provider: string
  providerAccountId: string
  access_token?: string
  refresh_token?: string
  id_token?: string
  scope?: string
  /** Epoch seconds. */
  expires_at?: number
}

/**
 * An account as `linkAccount` receives it: next-auth 4 types `type` as its provider type
 * (`"oauth" | "email" | "credentials"`), so any string is accepted and stored as given.
 */
export type NewAdapterAccount = Omit<AdapterAccount, "type"> & { type: string }

/** A database session. */
export interface AdapterSession {
  sessionToken: string
  userId: string
  expires: Date
}

/** A magic-link token (stored under its identifier, usually the email). */
export interface VerificationToken {
  identifier: string
  expires: Date
  token: string
}

/** A passkey (WebAuthn credential). */
export interface AdapterAuthenticator {
  credentialID: string
  userId: string
  providerAccountId: string
  counter: number
  credentialBackedUp: boolean
  credentialPublicKey: string
  transports?: string | null
  credentialDeviceType: string
}

/** A provider account's identity. */
export interface AccountId {
  provider: string
  providerAccountId: string
}

/**
 * What `DynamoDBAdapter(…)` returns: every method Auth.js calls, all present, so callers need
 * no `?.`. Assignable to `Adapter` from `next-auth/adapters` (v4 and v5) and `@auth/core/adapters`.
 */
export interface Adapter {
  /** Stores a new user under a new random id (an `id` in the input is ignored). */
  createUser(user: Omit<AdapterUser, "id"> & { id?: string }): Promise<AdapterUser>
  getUser(id: string): Promise<AdapterUser | null>
  getUserByEmail(email: string): Promise<AdapterUser | null>
  getUserByAccount(account: AccountId): Promise<AdapterUser | null>
  updateUser(user: Partial<AdapterUser> & Pick<AdapterUser, "id">): Promise<AdapterUser>
  /** Deletes the user and everything it owns; returns the deleted user. */
  deleteUser(userId: string): Promise<AdapterUser | null>
  linkAccount(account: NewAdapterAccount): Promise<AdapterAccount>
  unlinkAccount(account: AccountId): Promise<AdapterAccount | undefined>
  getAccount(providerAccountId: string, provider: string): Promise<AdapterAccount | null>
  createSession(session: AdapterSession): Promise<AdapterSession>
  getSessionAndUser(
    sessionToken: string,
  ): Promise<{ session: AdapterSession; user: AdapterUser } | null>
  updateSession(
    session: Partial<AdapterSession> & Pick<AdapterSession, "sessionToken">,
  ): Promise<AdapterSession | null>
  deleteSession(sessionToken: string): Promise<AdapterSession | null>
  createVerificationToken(token: VerificationToken): Promise<VerificationToken>
  /** Returns the token and deletes it; of concurrent calls, exactly one gets it. */
  useVerificationToken(params: {
    identifier: string
    token: string
  }): Promise<VerificationToken | null>
  createAuthenticator(authenticator: AdapterAuthenticator): Promise<AdapterAuthenticator>
  getAuthenticator(credentialID: string): Promise<AdapterAuthenticator | null>
  listAuthenticatorsByUserId(userId: string): Promise<AdapterAuthenticator[]>
  updateAuthenticatorCounter(
    credentialID: string,
    newCounter: number,
  ): Promise<AdapterAuthenticator>
}
