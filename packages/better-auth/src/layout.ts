/**
 * The items a Better Auth record is stored as (docs/layout.md): the record
 * item (keys, index attributes, TTL attribute, `_m`) and its claim items.
 * Pure, and free of Better Auth's runtime: the adapter writes through it, and
 * `dynamoauth migrate --to better-auth` builds exactly the same items with it.
 */
import type { Keys } from "@dynamoauth/core"
import type { Item } from "@dynamoauth/core/internal"
import { CLAIM_OF, CLAIM_REF, createModelKeys, MODEL_ATTRIBUTE, TTL_ATTRIBUTE } from "./keys.js"
import type { ModelInfo } from "./schema.js"

export { CLAIM_OF, CLAIM_REF, createModelKeys, MODEL_ATTRIBUTE, TTL_ATTRIBUTE } from "./keys.js"
export type { ModelInfo } from "./schema.js"

/**
 * What `readSchema` gives for Better Auth's default models with the passkey
 * plugin and no renamed models or fields (checked against Better Auth's own
 * schema in layout.test.ts).
 */
export const DEFAULT_MODELS: Readonly<Record<string, ModelInfo>> = {
  user: { name: "user", claims: [["email"]] },
  session: { name: "session", claims: [["token"]], partition: "userId", expires: "expiresAt" },
  account: { name: "account", claims: [["providerId", "accountId"]], partition: "userId" },
  verification: { name: "verification", claims: [], partition: "identifier", expires: "expiresAt" },
  passkey: { name: "passkey", claims: [["credentialID"]], partition: "userId" },
}

export interface ClaimOf {
  fields: string[]
  values: unknown[]
  item: Item
}

export function createLayout(keys: Keys) {
  const modelKeys = createModelKeys(keys)
  const internal = new Set<string>([...keys.attributeNames, MODEL_ATTRIBUTE, TTL_ATTRIBUTE])

  /** Index and TTL attributes derived from a record (undefined: remove). */
  const derived = (info: ModelInfo, record: Record<string, unknown>): Item => {
    const { name: model, partition, expires } = info
    const out: Item = {}
    if (partition) {
      const value = record[partition]
      const indexed = value !== null && value !== undefined
      out[keys.indexPartitionKey] = indexed
        ? modelKeys.partitionValue(model, partition, value)
        : undefined
      out[keys.indexSortKey] = indexed
        ? modelKeys.record(model, String(record.id))[keys.sortKey]
        : undefined
    }
    if (expires) {
      const time = Date.parse(String(record[expires]))
      out[TTL_ATTRIBUTE] = Number.isFinite(time) ? Math.floor(time / 1000) : undefined
    }
    return out
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
    return {
      ...modelKeys.claim(info.name, fields, values),
      // Not MODEL_ATTRIBUTE: scans of the model must not see claims.
      [CLAIM_OF]: info.name,
      [CLAIM_REF]: String(record.id),
      ...(expiry === undefined ? {} : { [TTL_ATTRIBUTE]: expiry }),
    }
  }

  return {
    modelKeys,
    /** Attribute names that are the layout's, not the record's. */
    internal,
    derived,
    claimValues,
    claimItem,
    /** The record item: the record's fields, its key, index and TTL attributes and `_m`. */
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
