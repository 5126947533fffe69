/**
 * Joins the store answers itself: to a record by its id (session → user), and
 * to a model's members by its partition field (user → accounts). Others are
 * left to Better Auth's separate queries. Joined records are read in one
 * BatchGetItem with the base record when its key is known before it is read.
 */
import { batchGetItems, type Item, type PlainKey, queryAll } from "@dynamoauth/core/internal"
import type { CustomAdapter } from "better-auth/adapters"
import { CLAIM_REF, keyPart, MEMBER_OF, MODEL_ATTRIBUTE } from "../keys.js"
import { equals } from "../where.js"
import type { StoreContext } from "./context.js"
import { isLeaving } from "./owners.js"
import { overlay, type Transaction } from "./transaction.js"

type JoinOption = Parameters<CustomAdapter["findOne"]>[0]["join"]

/** A join this adapter answers itself. */
export interface JoinSpec {
  model: string
  from: string
  to: string
  many: boolean
  limit?: number
}

/** What one findOne / findMany has read beyond its own records. */
export interface Prefetched {
  items: Map<string, Item>
  lists: Map<string, string[]>
}

export const newPrefetched = (): Prefetched => ({ items: new Map(), lists: new Map() })

const listKey = (j: JoinSpec, value: unknown) => `${j.model}\u0000${j.to}\u0000${keyPart(value)}`

/** The joins of `join` answered here. */
export const nativeJoins = (ctx: StoreContext, join: JoinOption): JoinSpec[] =>
  Object.entries(join ?? {}).flatMap(([joined, config]) => {
    const { on, relation, limit } = config
    const many = relation === "one-to-many"
    if (many ? ctx.info(joined).partition !== on.to : on.to !== "id") return []
    return [{ model: joined, from: on.from, to: on.to, many, limit }]
  })

/** Ids of `model`'s records listed under these values of `fields` (a lookup), strongly consistent. */
export async function memberIds(
  ctx: StoreContext,
  model: string,
  fields: string[],
  values: unknown[],
): Promise<string[]> {
  const members = await queryAll(ctx.table, {
    condition: {
      expression: "#pk = :p",
      values: { ":p": ctx.modelKeys.lookupValue(model, fields, values) },
    },
  })
  return members.filter((m) => m[MEMBER_OF] === model).map((m) => String(m[CLAIM_REF]))
}

/** Items by key in BatchGetItem requests, by key id. */
export async function readKeys(ctx: StoreContext, wanted: PlainKey[]): Promise<Map<string, Item>> {
  const unique = new Map(wanted.map((key) => [ctx.keyId(key), key]))
  if (!unique.size) return new Map()
  const items = await batchGetItems(ctx.table, [...unique.values()])
  return new Map(items.map((item) => [ctx.keyId(item as PlainKey), item]))
}

/**
 * Keys of joined records that can be read together with the base record,
 * from what is known of it before it is read (its id, and the partition
 * value a claim holds); one-to-many joins list their members first.
 */
export async function prefetchKeys(
  ctx: StoreContext,
  joins: JoinSpec[],
  known: Record<string, unknown>,
  pre: Prefetched,
): Promise<PlainKey[]> {
  const out: PlainKey[] = []
  await Promise.all(
    joins.map(async (j) => {
      const value = known[j.from]
      if (value === null || value === undefined) return
      if (!j.many) return void out.push(ctx.recordKey(j.model, value))
      const ids = await memberIds(ctx, j.model, [j.to], [value])
      pre.lists.set(listKey(j, value), ids)
      for (const id of ids.slice(0, j.limit)) out.push(ctx.recordKey(j.model, id))
    }),
  )
  return out
}

/**
 * Sets each joined model on `out[i]` from `records[i]`: records by id and
 * lists of members, read in one BatchGetItem beside what was prefetched.
 */
export async function attachJoins(
  ctx: StoreContext,
  joins: JoinSpec[],
  records: Record<string, unknown>[],
  out: Record<string, unknown>[],
  pre: Prefetched,
  tx?: Transaction,
): Promise<void> {
  if (!joins.length || !records.length) return
  await Promise.all(
    joins
      .filter((j) => j.many)
      .flatMap((j) =>
        records.map(async (record) => {
          const value = record[j.from]
          if (value === null || value === undefined || pre.lists.has(listKey(j, value))) return
          pre.lists.set(listKey(j, value), await memberIds(ctx, j.model, [j.to], [value]))
        }),
      ),
  )
  const targets = (j: JoinSpec, record: Record<string, unknown>): PlainKey[] => {
    const value = record[j.from]
    if (value === null || value === undefined) return []
    if (!j.many) return [ctx.recordKey(j.model, value)]
    const ids = pre.lists.get(listKey(j, value)) ?? []
    return ids.slice(0, j.limit).map((id) => ctx.recordKey(j.model, id))
  }
  const missing = joins.flatMap((j) =>
    records.flatMap((r) => targets(j, r).filter((k) => !pre.items.has(ctx.keyId(k)))),
  )
  for (const [key, item] of await readKeys(ctx, missing)) pre.items.set(key, item)
  records.forEach((record, i) => {
    for (const j of joins) {
      const read = targets(j, record)
        .map((key) => pre.items.get(ctx.keyId(key)))
        .filter((item): item is Item => item?.[MODEL_ATTRIBUTE] === j.model && !isLeaving(item))
      // Inside a transaction, as it sees them (its own writes included).
      const seen = tx ? overlay(ctx, tx, j.model, read, [equals(j.to, record[j.from])]) : read
      const found = seen
        .filter((item) => item[j.to] === record[j.from])
        .slice(0, j.many ? j.limit : 1)
        .map(ctx.toRecord)
      out[i]![j.model] = j.many ? found : (found[0] ?? null)
    }
  })
}
