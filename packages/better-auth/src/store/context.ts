/**
 * What every part of the store shares: the options it was built with, and the
 * layout's view of a model's records (their keys, fields and satellites).
 */
import type { Keys, ResolvedTableOptions } from "@dynamoauth/core"
import { type Item, LruCache, type PlainKey, type Table } from "@dynamoauth/core/internal"
import type { ModelKeys } from "../keys.js"
import { createLayout } from "../layout.js"
import type { ModelInfo } from "../schema.js"

export type ScanPolicy = "warn" | "allow" | "refuse"

export interface StoreOptions {
  options: ResolvedTableOptions
  /** The table core's table functions send to (through the transport, with request events). */
  table: Table
  keys: Keys
  modelKeys: ModelKeys
  models: Map<string, ModelInfo>
  /** Model → the model its partition field points at by id (schema.ts `ownersOf`). */
  owners: Map<string, string>
  /** Model → its number fields (schema.ts `countersOf`). */
  counters: Map<string, string[]>
  scan: ScanPolicy
  warn: (message: string) => void
  /** A field's name in the database (Better Auth passes `select` with schema names). */
  fieldName: (model: string, field: string) => string
}

/** A claim or member item of a record. */
export interface Satellite {
  key: PlainKey
  item: Item
  /** Claims only: the fields and values the claim guards. */
  claim?: { fields: string[]; values: unknown[] }
}

/** Claim lookups (and records' hints) remembered per adapter instance (each is checked on use). */
const CLAIM_CACHE_SIZE = 1000

export type StoreContext = ReturnType<typeof createStoreContext>

export function createStoreContext(options: StoreOptions) {
  const { modelKeys, keys } = options
  const layout = createLayout(keys)
  const info = (model: string): ModelInfo =>
    options.models.get(model) ?? { name: model, claims: [], lookups: [] }
  const keyId = (key: PlainKey) => `${key[keys.partitionKey]}\u0000${key[keys.sortKey]}`

  return {
    ...options,
    layout,
    info,
    keyId,
    /** Query shapes already warned about (each once per adapter instance). */
    warned: new Set<string>(),
    /** Claim key id → the record holding it, and that record's partition value. */
    claimCache: new LruCache<string, { ref: string; owner: unknown }>(CLAIM_CACHE_SIZE),
    /** Record key id → what this instance last read of it, to choose how to increment it (direct-write.ts). */
    hints: new LruCache<string, Item>(CLAIM_CACHE_SIZE),
    recordKey: (model: string, id: unknown) => modelKeys.record(model, String(id)),

    /** The record's own fields, as Better Auth stored them. */
    toRecord(item: Item): Record<string, unknown> {
      const record: Record<string, unknown> = {}
      for (const [name, value] of Object.entries(item)) {
        if (!layout.internal.has(name)) record[name] = value
      }
      return record
    },

    derived: (model: string, record: Record<string, unknown>) =>
      layout.derived(info(model), record),

    partitionOf(model: string, record: Record<string, unknown>) {
      const { partition } = info(model)
      return partition === undefined ? undefined : record[partition]
    },

    /**
     * The claim and member items that go with a record (docs/layout.md), by key:
     * written, moved and released in the same transaction as the record.
     */
    satellites(model: string, record: Record<string, unknown>): Map<string, Satellite> {
      const out = new Map<string, Satellite>()
      for (const { fields, values, item } of layout.claimsOf(info(model), record)) {
        const key = modelKeys.claim(model, fields, values)
        out.set(keyId(key), { key, item, claim: { fields, values } })
      }
      for (const item of layout.membersOf(info(model), record)) {
        const key = {
          [keys.partitionKey]: item[keys.partitionKey],
          [keys.sortKey]: item[keys.sortKey],
        } as PlainKey
        out.set(keyId(key), { key, item })
      }
      return out
    },
  }
}
