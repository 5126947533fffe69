/**
 * One Auth.js item (official or dynamoauth layout, v3-era shapes included)
 * → the Better Auth record it becomes, as the items `@dynamoauth/better-auth`
 * stores (record + claims, built by the layout module it writes through,
 * which lives in core). Pure: the same
 * item and context always give the same items, which is what lets a re-run,
 * a resumed run or `verify` address exactly what an earlier run wrote.
 * The field mapping is the table in ../../README.md ("Moving to Better Auth").
 */
import type { AttributeMap } from "@dynamoauth/core"
import {
  CLAIM_OF,
  CLAIM_REF,
  DEFAULT_MODELS,
  type Item,
  MODEL_ATTRIBUTE,
  type ModelInfo,
  unmarshallItem,
} from "@dynamoauth/core/internal"
import { ACCOUNT_LEGACY_ATTRIBUTES } from "../to-authjs/transform/account.js"
import { type ItemKind, transformItem } from "../to-authjs/transform/index.js"
import { SESSION_LEGACY_ATTRIBUTES } from "../to-authjs/transform/session.js"
import { VERIFICATION_LEGACY_ATTRIBUTES } from "../to-authjs/transform/verification.js"
import {
  change,
  type Draft,
  type Mapper,
  mapAccount,
  mapAuthenticator,
  mapSession,
  mapUser,
  mapVerification,
  type Plain,
  problem,
  type ToBetterAuthContext,
} from "./models.js"

export { derivedId, type SessionsMode, type ToBetterAuthContext } from "./models.js"

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
