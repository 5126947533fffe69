/**
 * One Auth.js item (official or dynamoauth layout, v3-era shapes included)
 * → the Better Auth record it becomes, as the items `@dynamoauth/better-auth`
 * stores (record + claims, built by the layout module it writes through,
 * which lives in core). Pure: the same
 * item and context always give the same items, which is what lets a re-run,
 * a resumed run or `verify` address exactly what an earlier run wrote.
 * The field mapping is the table in ../../README.md ("Moving to Better Auth").
 */
import { createHash } from "node:crypto"
import type { AttributeMap, Keys } from "@dynamoauth/core"
import {
  CLAIM_OF,
  CLAIM_REF,
  DEFAULT_MODELS,
  type Item,
  type Layout,
  MODEL_ATTRIBUTE,
  type ModelInfo,
  parseKey,
  unmarshallItem,
} from "@dynamoauth/core/internal"
import { ACCOUNT_LEGACY_ATTRIBUTES } from "../transform/account.js"
import { type ItemKind, transformItem } from "../transform/index.js"
import { SESSION_LEGACY_ATTRIBUTES } from "../transform/session.js"
import { VERIFICATION_LEGACY_ATTRIBUTES } from "../transform/verification.js"

export type SessionsMode = "keep" | "drop"

export interface ToBetterAuthContext {
  keys: Keys
  layout: Layout
  /** `keep`: sessions become Better Auth sessions (same token); `drop`: not migrated. */
  sessions: SessionsMode
  /** `createdAt`/`updatedAt` of records whose source has none; sessions and tokens expired by then are skipped. */
  now: Date
}

export interface BetterAuthMapping {
  kind: ItemKind
  /** The Better Auth model written; undefined when nothing is. */
  model?: string
  /** The Better Auth record (its fields as the adapter returns them). */
  record?: Record<string, unknown>
  /** Items to put, each where nothing exists yet: the record first, then its claims. */
  items: Item[]
  /** Names of the mapping steps applied, e.g. `session.token` (counted in reports). */
  changes: string[]
  /** Why nothing is written, e.g. `session.dropped`, `claim` (an Auth.js claim item). */
  skipped?: string
  /** What the migration cannot decide, e.g. `user.no-email`. */
  problems: string[]
}

type Plain = Record<string, unknown>
type Mapper = (source: Plain, context: ToBetterAuthContext, out: Draft) => Plain | undefined

interface Draft {
  changes: string[]
  problems: string[]
  skipped?: string
}

/** Attributes of each kind that the mapping consumes (or drops); any other attribute is carried over as it is. */
const CONSUMED: Partial<Record<ItemKind, readonly string[]>> = {
  user: ["id", "type", "name", "email", "emailVerified", "image", "createdAt", "updatedAt"],
  account: [
    "id",
    "type",
    "userId",
    "provider",
    "providerAccountId",
    "access_token",
    "refresh_token",
    "id_token",
    "expires_at",
    "token_type",
    "scope",
    "session_state",
    // v3 names, kept by the Auth.js migration beside their current copies
    ...ACCOUNT_LEGACY_ATTRIBUTES,
  ],
  session: ["id", "type", "sessionToken", "userId", "expires", ...SESSION_LEGACY_ATTRIBUTES],
  "verification-token": ["type", "identifier", "token", "expires"],
  "verification-request": [
    "type",
    "identifier",
    "token",
    "expires",
    ...VERIFICATION_LEGACY_ATTRIBUTES,
  ],
  authenticator: [
    "id",
    "type",
    "userId",
    "providerAccountId",
    "credentialID",
    "credentialPublicKey",
    "counter",
    "credentialDeviceType",
    "credentialBackedUp",
    "transports",
  ],
}

/** Auth.js fields with no Better Auth counterpart, reported when dropped. */
const DROPPED: Partial<Record<ItemKind, readonly string[]>> = {
  account: ["type", "token_type", "session_state"],
  session: ["accessToken"],
}

const MAPPERS: Partial<Record<ItemKind, [model: string, map: Mapper]>> = {
  user: ["user", mapUser],
  account: ["account", mapAccount],
  session: ["session", mapSession],
  "verification-token": ["verification", mapVerification],
  "verification-request": ["verification", mapVerification],
  authenticator: ["passkey", mapAuthenticator],
}

export function toBetterAuth(item: AttributeMap, context: ToBetterAuthContext): BetterAuthMapping {
  if (MODEL_ATTRIBUTE in item || CLAIM_OF in item) {
    return { kind: "unknown", items: [], changes: [], problems: [], skipped: "better-auth" }
  }
  // v3-era shapes first become current Auth.js items (the Auth.js migration's own transform).
  const current = transformItem(item, { keys: context.keys, dropLegacy: false })
  const { kind } = current
  const mapper = MAPPERS[kind]
  if (!mapper) {
    return {
      kind,
      items: [],
      changes: [],
      problems: [],
      skipped: kind === "claim" ? "claim" : kind,
    }
  }
  const [model, map] = mapper
  const source = unmarshallItem(current.item)
  const draft: Draft = { changes: [], problems: [...current.problems] }
  const mapped = map(source, context, draft)
  if (!mapped) {
    return { kind, items: [], changes: [], problems: draft.problems, skipped: draft.skipped }
  }
  const reserved = new Set<string>([...context.layout.internal, CLAIM_OF, CLAIM_REF])
  const consumed = new Set(CONSUMED[kind])
  const record: Plain = {}
  for (const [name, value] of Object.entries(source)) {
    if (context.keys.attributeNames.includes(name as never) || consumed.has(name)) continue
    if (reserved.has(name)) {
      problem(draft, `${model}.reserved-field`)
      continue
    }
    record[name] = value // the app's own fields stay with the record
  }
  for (const name of DROPPED[kind] ?? []) {
    if (source[name] !== undefined && source[name] !== null) change(draft, `${model}.drop.${name}`)
  }
  for (const [name, value] of Object.entries(mapped)) {
    if (value !== undefined) record[name] = value
  }
  const info: ModelInfo = DEFAULT_MODELS[model]!
  const items = [
    context.layout.recordItem(info, record),
    ...context.layout.claimsOf(info, record).map((claim) => claim.item),
    ...context.layout.membersOf(info, record),
  ]
  return { kind, model, record, items, changes: draft.changes, problems: draft.problems }
}

function mapUser(source: Plain, { now, keys }: ToBetterAuthContext, draft: Draft): Plain {
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

function mapAccount(source: Plain, { now }: ToBetterAuthContext, draft: Draft): Plain | undefined {
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

function mapSession(source: Plain, context: ToBetterAuthContext, draft: Draft): Plain | undefined {
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

function mapVerification(source: Plain, { now }: ToBetterAuthContext, draft: Draft) {
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

function mapAuthenticator(source: Plain, { now }: ToBetterAuthContext, draft: Draft) {
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
  return new Date(seconds * 1000).toISOString()
}

function isoDate(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined
  const time = Date.parse(value)
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined
}

function change(draft: Draft, name: string) {
  if (!draft.changes.includes(name)) draft.changes.push(name)
}

function problem(draft: Draft, name: string) {
  if (!draft.problems.includes(name)) draft.problems.push(name)
}
