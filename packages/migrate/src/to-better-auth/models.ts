/**
 * Each Auth.js kind's fields → the Better Auth model's: one mapper per model
 * (user, account, session, verification, passkey), pure. ./mapping.ts runs
 * them and carries the app's own fields over. The table in ../../README.md
 * ("Moving to Better Auth") lists every field.
 */
import { createHash } from "node:crypto"
import type { Keys } from "@dynamoauth/core"
import { fromEpochSeconds, type Layout, parseKey } from "@dynamoauth/core/internal"

export type SessionsMode = "keep" | "drop"

export interface ToBetterAuthContext {
  keys: Keys
  layout: Layout
  /** `keep`: sessions become Better Auth sessions (same token); `drop`: not migrated. */
  sessions: SessionsMode
  /** `createdAt`/`updatedAt` of records whose source has none; sessions and tokens expired by then are skipped. */
  now: Date
}

export type Plain = Record<string, unknown>
export type Mapper = (source: Plain, context: ToBetterAuthContext, out: Draft) => Plain | undefined

export interface Draft {
  changes: string[]
  problems: string[]
  skipped?: string
}

export function mapUser(source: Plain, { now, keys }: ToBetterAuthContext, draft: Draft): Plain {
  const key = parseKey(source, keys)
  const id = text(source.id) ?? (key?.kind === "user" ? key.userId : undefined)
  let email = text(source.email)
  if (email === undefined) problem(draft, "user.no-email")
  else if (email !== email.toLowerCase()) {
    // Better Auth lower-cases the email of every sign-in before it looks the user up.
    email = email.toLowerCase()
    change(draft, "user.email-lowercased")
  }
  change(draft, "user.emailVerified")
  const name = text(source.name)
  if (name === undefined) change(draft, "user.name-empty")
  const createdAt = isoDate(source.createdAt) ?? now.toISOString()
  if (source.createdAt === undefined) change(draft, "user.createdAt")
  return {
    id,
    name: name ?? "",
    email,
    emailVerified: source.emailVerified !== null && source.emailVerified !== undefined,
    image: text(source.image),
    createdAt,
    updatedAt: isoDate(source.updatedAt) ?? createdAt,
  }
}

export function mapAccount(
  source: Plain,
  { now }: ToBetterAuthContext,
  draft: Draft,
): Plain | undefined {
  const provider = text(source.provider)
  const providerAccountId = text(source.providerAccountId)
  if (source.type === "webauthn") {
    // Auth.js records each passkey twice (account and authenticator); Better Auth only as a passkey.
    draft.skipped = "account.webauthn"
    return undefined
  }
  if (provider === undefined || providerAccountId === undefined) {
    problem(draft, "account.no-provider")
    draft.skipped = "account.no-provider"
    return undefined
  }
  for (const name of ["providerId", "accountId", "accessToken", "refreshToken", "idToken"]) {
    change(draft, `account.${name}`)
  }
  const expiresAt = epochSeconds(source.expires_at)
  if (expiresAt !== undefined) change(draft, "account.accessTokenExpiresAt")
  const stamp = now.toISOString()
  return {
    id: text(source.id) ?? derivedId("account", provider, providerAccountId),
    userId: text(source.userId),
    providerId: provider,
    accountId: providerAccountId,
    accessToken: text(source.access_token),
    refreshToken: text(source.refresh_token),
    idToken: text(source.id_token),
    accessTokenExpiresAt: expiresAt === undefined ? undefined : isoOf(expiresAt),
    scope: text(source.scope),
    createdAt: isoDate(source.createdAt) ?? stamp,
    updatedAt: isoDate(source.updatedAt) ?? stamp,
  }
}

export function mapSession(
  source: Plain,
  context: ToBetterAuthContext,
  draft: Draft,
): Plain | undefined {
  if (context.sessions === "drop") {
    draft.skipped = "session.dropped"
    return undefined
  }
  const token = text(source.sessionToken)
  const expires = epochSeconds(source.expires)
  if (token === undefined || expires === undefined) {
    problem(draft, token === undefined ? "session.no-token" : "session.no-expires")
    draft.skipped = "session.unusable"
    return undefined
  }
  if (expires * 1000 <= context.now.getTime()) {
    draft.skipped = "session.expired"
    return undefined
  }
  change(draft, "session.token")
  change(draft, "session.expiresAt")
  const stamp = context.now.toISOString()
  return {
    // The token is the session's identity in Auth.js; the id is derived from it, one-way.
    id: derivedId("session", token),
    token,
    userId: text(source.userId),
    expiresAt: isoOf(expires),
    createdAt: isoDate(source.createdAt) ?? stamp,
    updatedAt: isoDate(source.updatedAt) ?? stamp,
  }
}

export function mapVerification(source: Plain, { now }: ToBetterAuthContext, draft: Draft) {
  const identifier = text(source.identifier)
  const token = text(source.token)
  const expires = epochSeconds(source.expires)
  if (identifier === undefined || token === undefined || expires === undefined) {
    problem(draft, "verification.incomplete")
    draft.skipped = "verification.unusable"
    return undefined
  }
  if (expires * 1000 <= now.getTime()) {
    draft.skipped = "verification.expired"
    return undefined
  }
  change(draft, "verification.id")
  change(draft, "verification.value")
  change(draft, "verification.expiresAt")
  return {
    id: derivedId("verification", identifier, token),
    identifier,
    value: token,
    expiresAt: isoOf(expires),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  }
}

export function mapAuthenticator(source: Plain, { now }: ToBetterAuthContext, draft: Draft) {
  const credentialID = text(source.credentialID)
  if (credentialID === undefined) {
    problem(draft, "passkey.no-credentialID")
    draft.skipped = "passkey.unusable"
    return undefined
  }
  // Auth.js stores the credential id in base64; Better Auth (SimpleWebAuthn 13) looks it up in base64url.
  const id = base64url(credentialID)
  if (id !== credentialID) change(draft, "passkey.credentialID-base64url")
  for (const name of ["publicKey", "deviceType", "backedUp"]) change(draft, `passkey.${name}`)
  return {
    id: derivedId("passkey", id),
    userId: text(source.userId),
    credentialID: id,
    publicKey: text(source.credentialPublicKey),
    counter: Number(source.counter ?? 0),
    deviceType: text(source.credentialDeviceType),
    backedUp: source.credentialBackedUp === true,
    transports: text(source.transports),
    createdAt: now.toISOString(),
  }
}

/** A stable id for records whose Auth.js item has none: the same source always gives the same id. */
export function derivedId(model: string, ...parts: string[]): string {
  return createHash("sha256")
    .update(`dynamoauth-migrate:${model}:${parts.join("\u0000")}`)
    .digest("base64url")
    .slice(0, 32)
}

function base64url(value: string): string {
  return value.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined
}

function epochSeconds(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN
  return Number.isFinite(n) ? n : undefined
}

function isoOf(seconds: number): string {
  return fromEpochSeconds(seconds).toISOString()
}

function isoDate(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined
  const time = Date.parse(value)
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined
}

export function change(draft: Draft, name: string) {
  if (!draft.changes.includes(name)) draft.changes.push(name)
}

export function problem(draft: Draft, name: string) {
  if (!draft.problems.includes(name)) draft.problems.push(name)
}
