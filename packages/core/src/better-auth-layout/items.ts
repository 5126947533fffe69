/**
 * The items a Better Auth record is stored as (`@dynamoauth/better-auth`,
 * its docs/layout.md): the record item (keys, TTL attribute, `_m`), its
 * member items and its claim items. Pure, and free of Better Auth's runtime:
 * the adapter writes through it, and `dynamoauth migrate --to better-auth`
 * builds exactly the same items with it (which is why it lives in core).
 */
import { TTL_ATTRIBUTE, toEpochSeconds } from "../format.js"
import type { Keys } from "../keys.js"
import type { Item } from "../table/types.js"
import {
  CLAIM_OF,
  CLAIM_REF,
  createModelKeys,
  LEAVING_ATTRIBUTE,
  MEMBER_OF,
  MODEL_ATTRIBUTE,
} from "./model-keys.js"

/** What the layout needs to know about each model (better-auth reads it from Better Auth's schema). */
export interface ModelInfo {
  /** The model's name in the database (what the adapter is called with). */
  name: string
  /** Each claim: the database field names whose values together are unique. */
  claims: string[][]
  /**
   * Each non-unique lookup: the database field names a record is listed
   * under by a member item (docs/layout.md), in the order a `where` picks
   * them. `[]` lists every record of the model (a model with no other lookup).
   */
  lookups: string[][]
  /** The first single-field lookup: claims carry its value, one-to-many joins read it. */
  partition?: string
  /** A field whose value (a date, or epoch milliseconds) is stored again as epoch seconds for DynamoDB TTL. */
  expires?: string
  /** Seconds added to `expires` for the TTL (a rate-limit row lives a window past its last request). */
  expiresAfter?: number
}

/**
 * What better-auth's `readSchema` gives for Better Auth's default models with the passkey
 * plugin and no renamed models or fields (checked against Better Auth's own
 * schema in better-auth's layout.test.ts).
 */
export const DEFAULT_MODELS: Readonly<Record<string, ModelInfo>> = {
  user: { name: "user", claims: [["email"]], lookups: [] },
  session: {
    name: "session",
    claims: [["token"]],
    lookups: [["userId"]],
    partition: "userId",
    expires: "expiresAt",
  },
  account: {
    name: "account",
    claims: [["providerId", "accountId"]],
    lookups: [["userId"]],
    partition: "userId",
  },
  verification: {
    name: "verification",
    claims: [],
    lookups: [["identifier"]],
    partition: "identifier",
    expires: "expiresAt",
  },
  passkey: {
    name: "passkey",
    claims: [["credentialID"]],
    lookups: [["userId"]],
    partition: "userId",
  },
}

/** TTL of rate-limit rows, rounded up to this many seconds. */
const TTL_STEP = 3600

export interface ClaimOf {
  fields: string[]
  values: unknown[]
  item: Item
}

export function createLayout(keys: Keys) {
  const modelKeys = createModelKeys(keys)
  const internal = new Set<string>([
    ...keys.attributeNames,
    MODEL_ATTRIBUTE,
    TTL_ATTRIBUTE,
    LEAVING_ATTRIBUTE,
  ])

  /** The TTL attribute derived from a record (undefined: remove). */
  const derived = (info: ModelInfo, record: Record<string, unknown>): Item => {
    const { expires, expiresAfter } = info
    if (!expires) return {}
    const value = record[expires]
    const time = typeof value === "number" ? value : Date.parse(String(value))
    if (!Number.isFinite(time)) return { [TTL_ATTRIBUTE]: undefined }
    if (expiresAfter === undefined) return { [TTL_ATTRIBUTE]: toEpochSeconds(time) }
    // Rounded up to the hour: a row written every second rewrites its TTL (and so its claim) once an hour.
    const at = toEpochSeconds(time) + expiresAfter
    return { [TTL_ATTRIBUTE]: Math.ceil(at / TTL_STEP) * TTL_STEP }
  }

  /** The record's partition field and value, when it has one (docs/layout.md: members). */
  const ownerOf = (info: ModelInfo, record: Record<string, unknown>) => {
    const value = info.partition === undefined ? undefined : record[info.partition]
    return value === null || value === undefined ? undefined : { field: info.partition!, value }
  }

  /** The values of a claim's fields, when every one is set. */
  const claimValues = (fields: string[], record: Record<string, unknown>) => {
    const values = fields.map((f) => record[f])
    return values.every((v) => v !== null && v !== undefined) ? values : undefined
  }

  const claimItem = (
    info: ModelInfo,
    fields: string[],
    values: unknown[],
    record: Record<string, unknown>,
  ): Item => {
    const expiry = derived(info, record)[TTL_ATTRIBUTE]
    const owner = ownerOf(info, record)
    return {
      ...modelKeys.claim(info.name, fields, values),
      // Not MODEL_ATTRIBUTE: scans of the model must not see claims.
      [CLAIM_OF]: info.name,
      [CLAIM_REF]: String(record.id),
      // The owner's id, so a join to it can be read together with the record.
      ...(owner ? { [owner.field]: owner.value } : {}),
      ...(expiry === undefined ? {} : { [TTL_ATTRIBUTE]: expiry }),
    }
  }

  /** The member items listing the record under each lookup whose fields it sets (docs/layout.md). */
  const memberItems = (info: ModelInfo, record: Record<string, unknown>): Item[] => {
    const expiry = derived(info, record)[TTL_ATTRIBUTE]
    return info.lookups.flatMap((fields) => {
      const values = claimValues(fields, record)
      if (!values) return []
      return [
        {
          ...modelKeys.member(info.name, fields, values, String(record.id)),
          [MEMBER_OF]: info.name,
          [CLAIM_REF]: String(record.id),
          ...(expiry === undefined ? {} : { [TTL_ATTRIBUTE]: expiry }),
        },
      ]
    })
  }

  return {
    modelKeys,
    /** Attribute names that are the layout's, not the record's. */
    internal,
    derived,
    claimValues,
    claimItem,
    /** The record item: the record's fields, its key, TTL attribute and `_m`. */
    recordItem(info: ModelInfo, record: Record<string, unknown>): Item {
      const item: Item = {}
      for (const [name, value] of Object.entries(record)) {
        if (!internal.has(name) && value !== undefined) item[name] = value
      }
      for (const [name, value] of Object.entries(derived(info, record))) {
        if (value !== undefined) item[name] = value
      }
      return Object.assign(item, modelKeys.record(info.name, String(record.id)), {
        [MODEL_ATTRIBUTE]: info.name,
      })
    },
    /** The member items a record needs (one per lookup whose fields are all set). */
    membersOf: memberItems,
    /** The claim items a record needs (one per claim whose fields are all set). */
    claimsOf(info: ModelInfo, record: Record<string, unknown>): ClaimOf[] {
      return info.claims.flatMap((fields) => {
        const values = claimValues(fields, record)
        return values ? [{ fields, values, item: claimItem(info, fields, values, record) }] : []
      })
    },
  }
}

export type Layout = ReturnType<typeof createLayout>
