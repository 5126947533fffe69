/**
 * Fixed inputs written by each runtime's adapter, readers that check them,
 * and a canonical form of raw items so tables can be compared byte for byte.
 * Web APIs only: used in Node and inside workerd.
 */
import type { Adapter } from "@auth/core/adapters"
import { expect } from "vitest"

type FullAdapter = Required<Adapter>

const at = (iso: string) => new Date(iso)

export const FIXTURES = {
  user: {
    id: "",
    email: "cross.runtime@example.com",
    emailVerified: at("2030-01-02T03:04:05.678Z"),
    name: "Cross Runtime",
    image: "https://example.com/cross.png",
  },
  account: {
    type: "oauth" as const,
    provider: "github",
    providerAccountId: "cross-runtime-1",
    access_token: "gho_crossruntime",
    refresh_token: "ghr_crossruntime",
    expires_at: 1_900_000_000,
    token_type: "bearer" as const,
    scope: "read:user",
  },
  session: { sessionToken: "cross-runtime-session", expires: at("2030-02-03T04:05:06.789Z") },
  token: {
    identifier: "cross.runtime@example.com",
    token: "cross-runtime-token",
    expires: at("2030-03-04T05:06:07.890Z"),
  },
  authenticator: {
    credentialID: "cross-runtime-credential",
    providerAccountId: "cross-runtime-credential",
    credentialPublicKey: "pQECAyYgASFYIENyb3NzUnVudGltZQ",
    counter: 3,
    credentialDeviceType: "singleDevice",
    credentialBackedUp: false,
    transports: "internal",
  },
}

/** Writes every fixture; returns the id the adapter gave the user. */
export async function writeFixtures(adapter: FullAdapter): Promise<string> {
  const user = await adapter.createUser(FIXTURES.user)
  await adapter.linkAccount({ ...FIXTURES.account, userId: user.id })
  await adapter.createSession({ ...FIXTURES.session, userId: user.id })
  await adapter.createVerificationToken(FIXTURES.token)
  await adapter.createAuthenticator({ ...FIXTURES.authenticator, userId: user.id })
  await adapter.updateUser({ id: user.id, name: "Cross Runtime II" })
  return user.id
}

/** Reads every fixture back through `adapter` (written by another runtime). */
export async function expectFixtures(adapter: FullAdapter, userId: string): Promise<void> {
  const user = { ...FIXTURES.user, id: userId, name: "Cross Runtime II" }
  expect(await adapter.getUser(userId)).toEqual(user)
  expect(await adapter.getUserByEmail(user.email)).toEqual(user)
  expect(await adapter.getUserByAccount(FIXTURES.account)).toEqual(user)
  expect(await adapter.getSessionAndUser(FIXTURES.session.sessionToken)).toEqual({
    session: { ...FIXTURES.session, userId },
    user,
  })
  expect(await adapter.getAuthenticator(FIXTURES.authenticator.credentialID)).toEqual({
    ...FIXTURES.authenticator,
    userId,
  })
}

/** Sorted-key JSON, so attribute order (which DynamoDB does not keep) does not matter. */
function canonical(value: unknown): unknown {
  if (value instanceof Uint8Array) return { bytes: Array.from(value) }
  if (Array.isArray(value)) return value.map(canonical)
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    )
  }
  return value
}

/**
 * Values core generates rather than derives from the input, masked before
 * comparing: the account's random `id`, and the session pointer's `expires`,
 * which is computed from the clock at write time.
 */
function maskGenerated(item: Record<string, any>): Record<string, any> {
  const masked = { ...item }
  if (item.providerAccountId && item.provider && item.id) masked.id = { S: "<generated>" }
  if (item.type?.S === "SESSION_POINTER" && item.expires) masked.expires = { N: "<clock>" }
  return masked
}

/** Raw items in a comparable form: generated values masked, the user id replaced, sorted. */
export function canonicalItems(items: Record<string, any>[], userId: string): string[] {
  return items
    .map((item) =>
      JSON.stringify(canonical(maskGenerated(item)))
        .split(userId)
        .join("<user-id>"),
    )
    .sort()
}

/** The id of the one user item in a raw scan. */
export function userIdIn(items: Record<string, any>[]): string {
  const users = items.filter((item) => item.type?.S === "USER")
  if (users.length !== 1) throw new Error(`expected one user item, found ${users.length}`)
  return users[0]!.id.S
}
