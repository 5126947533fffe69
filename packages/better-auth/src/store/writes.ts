/**
 * Conditional writes of one record together with its claims and member item:
 * create, write (set and increment) and remove. A write whose condition fails
 * reports it, so the caller re-reads and tries again. The pieces that say
 * what to write are shared with transactions (transaction.ts), which collect
 * them instead of sending them.
 */
import { DynamoAuthError } from "@dynamoauth/core"
import {
  cancellationReasons,
  deleteItem,
  type Expression,
  getItem,
  type Item,
  isConditionFailure,
  type PlainKey,
  type TransactItem,
  transactWrite,
  updateItem,
} from "@dynamoauth/core/internal"
import { compileWhere, matches, type Where } from "../where.js"
import { ABSENT, claimRewrite, EXISTS, type NewClaim, release, transactClaiming } from "./claims.js"
import type { StoreContext } from "./context.js"
import { ownerCheck, ownerGone, ownerKey } from "./owners.js"
import { recordUpdate } from "./update-expression.js"

type Fields = Record<string, unknown>

/**
 * What one record's write sends: its own item's request first, then its
 * satellites', the check of the record it belongs to (owners.ts), then claim puts.
 */
export interface RecordWrites {
  items: TransactItem[]
  claims: NewClaim[]
}

/** The record item of a new record, with the writes that put it, its member, its owner's check and its claims. */
export function newRecord(ctx: StoreContext, model: string, record: Fields) {
  if (record.id === undefined || record.id === null) {
    throw new DynamoAuthError({
      code: "INVALID_INPUT",
      operation: `create ${model}`,
      message: "a record needs an id (leave Better Auth's id generation on)",
    })
  }
  const item = ctx.layout.recordItem(ctx.info(model), record)
  const writes: RecordWrites = {
    items: [{ put: item, condition: { expression: ABSENT } }],
    claims: [],
  }
  for (const s of ctx.satellites(model, record).values()) {
    if (s.claim) writes.claims.push({ model, ...s.claim, item: s.item })
    else writes.items.push({ put: s.item })
  }
  const owner = ownerKey(ctx, model, record)
  if (owner) writes.items.push(ownerCheck(owner))
  return { item, writes }
}

/** Puts a new record with its claims and member item; DUPLICATE_VALUE when taken. */
export async function createRecord(
  ctx: StoreContext,
  model: string,
  record: Fields,
): Promise<Item> {
  const { item, writes } = newRecord(ctx, model, record)
  const failed = await transactClaiming(ctx, writes.items, writes.claims)
  if (failed.some((i) => "check" in writes.items[i]!)) throw ownerGone(model)
  if (failed.length) {
    throw new DynamoAuthError({
      code: "DUPLICATE_VALUE",
      operation: `create ${model}`,
      message: `a ${model} with this id already exists`,
      awsErrorName: "ConditionalCheckFailedException",
    })
  }
  rememberClaims(ctx, model, record, writes.claims)
  return item
}

/** This instance wrote the claims: the next lookup by them can go straight to the record. */
export function rememberClaims(
  ctx: StoreContext,
  model: string,
  record: Fields,
  claims: NewClaim[],
) {
  const owner = ctx.partitionOf(model, record)
  for (const c of claims) {
    ctx.claimCache.set(ctx.keyId(c.item as PlainKey), { ref: String(record.id), owner })
  }
}

/**
 * The record read as `snapshot` after `set` and `increment`, and the
 * attributes that change (undefined: removed), derived ones included.
 */
export function nextRecord(
  ctx: StoreContext,
  model: string,
  snapshot: Item,
  set: Fields,
  increment: Record<string, number> = {},
) {
  const changes: Item = {}
  for (const [field, value] of Object.entries(set)) {
    if (value !== undefined && field !== "id" && !ctx.layout.internal.has(field)) {
      changes[field] = value
    }
  }
  const next: Fields = { ...ctx.toRecord(snapshot), ...changes }
  for (const [field, delta] of Object.entries(increment)) {
    const value = snapshot[field]
    next[field] = (typeof value === "number" ? value : 0) + delta
  }
  const before = ctx.derived(model, snapshot)
  for (const [name, value] of Object.entries(ctx.derived(model, next))) {
    if (value !== before[name]) changes[name] = value
  }
  return { next, changes }
}

/**
 * Writes `set` and `increment` to the record read as `snapshot`, under the
 * condition that it still matches `where`. Returns the new record, or
 * undefined when the condition failed (the caller re-reads).
 */
export async function writeRecord(
  ctx: StoreContext,
  model: string,
  snapshot: Item,
  where: Where[],
  set: Fields,
  increment: Record<string, number> = {},
): Promise<Fields | undefined> {
  const { next, changes } = nextRecord(ctx, model, snapshot, set, increment)
  const { update, guard } = recordUpdate(snapshot, where, changes, increment)
  if (!update) return matches(snapshot, where) ? ctx.toRecord(snapshot) : undefined
  const key = ctx.recordKey(model, snapshot.id)
  const { items, claims } = moveSatellites(ctx, model, snapshot, next)
  if (!items.length && !claims.length) {
    const item = await conditionalUpdate(ctx, key, update, guard)
    return item && ctx.toRecord(item)
  }
  const record = { update: key, set: update, condition: guard }
  if ((await transactClaiming(ctx, [record, ...items], claims)).length) return undefined
  const item = await getItem(ctx.table, key)
  return item ? ctx.toRecord(item) : undefined
}

/** One UpdateItem of a record, `ALL_NEW`; undefined when its condition failed (nothing written). */
export async function conditionalUpdate(
  ctx: StoreContext,
  key: PlainKey,
  update: Expression,
  guard: Expression,
): Promise<Item | undefined> {
  try {
    return await updateItem(ctx.table, key, update, guard)
  } catch (error) {
    if (isConditionFailure(error)) return undefined
    throw error
  }
}

/**
 * Claims and members follow the record: released, put, or rewritten when
 * what they hold changed (a new expiry, a new owner).
 */
export function moveSatellites(
  ctx: StoreContext,
  model: string,
  snapshot: Item,
  next: Fields,
): RecordWrites {
  const before = ctx.satellites(model, snapshot)
  const after = ctx.satellites(model, next)
  const items: TransactItem[] = []
  const claims: NewClaim[] = []
  for (const [id, old] of before) {
    if (!after.has(id)) items.push(release(old, snapshot.id))
  }
  for (const [id, now] of after) {
    const old = before.get(id)
    if (!old && now.claim) claims.push({ model, ...now.claim, item: now.item })
    else if (!old) items.push({ put: now.item })
    else if (JSON.stringify(old.item) !== JSON.stringify(now.item)) {
      items.push(now.claim ? claimRewrite(now.item, snapshot.id) : { put: now.item })
    }
  }
  // Moved to another owner: that one must not be being deleted either.
  const owner = ownerKey(ctx, model, next)
  const was = ownerKey(ctx, model, snapshot)
  if (owner && (!was || ctx.keyId(owner) !== ctx.keyId(was))) items.push(ownerCheck(owner))
  return { items, claims }
}

/** The delete of the record read as `snapshot` (if it still matches `where`), and its satellites' releases. */
export function removal(ctx: StoreContext, model: string, snapshot: Item, where: Where[]) {
  const condition = compileWhere(where, snapshot)
  const guard = {
    expression: [EXISTS, condition.expression].filter(Boolean).join(" AND "),
    names: condition.names,
    values: condition.values,
  }
  const releases = [...ctx.satellites(model, snapshot).values()].map((s) => release(s, snapshot.id))
  return { key: ctx.recordKey(model, snapshot.id), guard, releases }
}

/** Deletes the record read as `snapshot` (and its claims and member) if it still matches `where`. */
export async function removeRecord(
  ctx: StoreContext,
  model: string,
  snapshot: Item,
  where: Where[],
): Promise<boolean> {
  const { key, guard, releases } = removal(ctx, model, snapshot, where)
  try {
    if (!releases.length) await deleteItem(ctx.table, key, guard)
    else await transactWrite(ctx.table, [{ delete: key, condition: guard }, ...releases])
    return true
  } catch (error) {
    if (isConditionFailure(error) || cancellationReasons(error)?.[0] === "ConditionalCheckFailed") {
      return false
    }
    throw error
  }
}

/** How the store's methods write: at once (here), or collected by a transaction (transaction.ts). */
export interface Writes {
  create(ctx: StoreContext, model: string, record: Fields): Promise<Item> | Item
  write(
    ctx: StoreContext,
    model: string,
    snapshot: Item,
    where: Where[],
    set: Fields,
    increment?: Record<string, number>,
  ): Promise<Fields | undefined> | Fields
  remove(
    ctx: StoreContext,
    model: string,
    snapshot: Item,
    where: Where[],
  ): Promise<boolean> | boolean
  /** A delete that must say at once whether this caller won the record. */
  consume(ctx: StoreContext, model: string, snapshot: Item, where: Where[]): Promise<boolean>
}

export const immediateWrites: Writes = {
  create: createRecord,
  write: writeRecord,
  remove: removeRecord,
  consume: removeRecord,
}
