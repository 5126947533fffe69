/**
 * Auth.js objects shaped like real sign-ins (an email user, a GitHub account,
 * a session, a magic-link token, a passkey), fresh ids each call: for the
 * contract suite and the bench. Pure, so it also runs inside workerd.
 */
import type {
  AdapterAccount,
  AdapterAuthenticator,
  AdapterSession,
  AdapterUser,
  VerificationToken,
} from "@auth/core/adapters"

export const id = () => crypto.randomUUID()

/** A date with milliseconds, so lossy conversions show up. */
export const inDays = (days: number) =>
  new Date(Math.floor(Date.now() / 1000) * 1000 + days * 86_400_000 + 123)

export function newUser(overrides: Partial<AdapterUser> = {}): AdapterUser {
  return {
    id: id(),
    email: `${id()}@example.com`,
    emailVerified: inDays(0),
    name: "Ada Lovelace",
    image: "https://example.com/ada.png",
    ...overrides,
  }
}

export function newAccount(
  userId: string,
  overrides: Partial<AdapterAccount> = {},
): AdapterAccount {
  return {
    userId,
    type: "oauth",
    provider: "github",
    providerAccountId: id(),
    access_token: "gho_secretaccesstoken",
    refresh_token: "ghr_secretrefreshtoken",
    expires_at: Math.floor(Date.now() / 1000) + 3600,
    token_type: "bearer",
    scope: "read:user",
    ...overrides,
  }
}

export function newSession(userId: string): AdapterSession {
  return { sessionToken: `sess-${id()}`, userId, expires: inDays(30) }
}

export function newToken(identifier = `${id()}@example.com`): VerificationToken {
  return { identifier, token: `vt-${id()}`, expires: inDays(1) }
}

export function newAuthenticator(userId: string): AdapterAuthenticator {
  return {
    credentialID: `cred-${id()}`,
    userId,
    providerAccountId: `cred-${id()}`,
    credentialPublicKey: "pQECAyYgASFYIBase64PublicKey",
    counter: 0,
    credentialDeviceType: "multiDevice",
    credentialBackedUp: true,
    transports: "internal,hybrid",
  }
}
