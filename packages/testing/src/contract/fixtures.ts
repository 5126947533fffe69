import type {
  AdapterAccount,
  AdapterAuthenticator,
  AdapterSession,
  AdapterUser,
  VerificationToken,
} from "@auth/core/adapters"
import { expect } from "vitest"
import type { Layout } from "./tables.js"

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

export function newToken(): VerificationToken {
  return { identifier: `${id()}@example.com`, token: `vt-${id()}`, expires: inDays(1) }
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

/** Returned objects carry no storage attributes: no key attributes and no type marker. */
export function expectNoStorageAttributes(object: object | null | undefined, layout: Layout) {
  expect(object).toBeTruthy()
  const { partitionKey, sortKey, indexPartitionKey, indexSortKey } = layout.options
  for (const name of [
    partitionKey,
    sortKey,
    indexPartitionKey,
    indexSortKey,
    "pk",
    "sk",
    "GSI1PK",
    "GSI1SK",
  ]) {
    expect(Object.keys(object as object)).not.toContain(name)
  }
  const type = (object as { type?: unknown }).type
  expect(["USER", "SESSION", "VT", "AUTHENTICATOR"]).not.toContain(type)
}

/** Runs `fn` and returns the error it throws (or fails). */
export async function errorOf(fn: () => unknown): Promise<Error & Record<string, any>> {
  try {
    await fn()
  } catch (error) {
    return error as Error & Record<string, any>
  }
  throw new Error("expected the call to throw")
}
