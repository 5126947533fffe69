/** Auth.js objects shaped like real sign-ins (an email user, a GitHub account, a passkey). */
import type {
  AdapterAccount,
  AdapterAuthenticator,
  AdapterSession,
  AdapterUser,
  VerificationToken,
} from "@auth/core/adapters"

const id = () => crypto.randomUUID()
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000)

export function newUser(): AdapterUser {
  return {
    id: id(),
    email: `${id()}@example.com`,
    emailVerified: null,
    name: "Ada Lovelace",
    image: "https://example.com/ada.png",
  }
}

export function newAccount(userId: string): AdapterAccount {
  return {
    userId,
    type: "oauth",
    provider: "github",
    providerAccountId: id(),
    access_token: "gho_bench_access_token",
    expires_at: Math.floor(Date.now() / 1000) + 3600,
    token_type: "bearer",
    scope: "read:user",
  }
}

export function newSession(userId: string): AdapterSession {
  return { sessionToken: id(), userId, expires: inDays(30) }
}

export const laterExpiry = () => inDays(31)

export function newToken(identifier = `${id()}@example.com`): VerificationToken {
  return { identifier, token: id(), expires: inDays(1) }
}

export function newAuthenticator(userId: string): AdapterAuthenticator {
  return {
    credentialID: id(),
    userId,
    providerAccountId: id(),
    credentialPublicKey: "pQECAyYgASFYIBenchPublicKeyBase64",
    counter: 0,
    credentialDeviceType: "multiDevice",
    credentialBackedUp: true,
    transports: "internal,hybrid",
  }
}
