/**
 * Better Auth's `adapter.transaction`: the writes made inside the callback are
 * collected here, per record, and committed when it returns (commit.ts).
 * Reads inside it see them: what is read from the table is overlaid with the
 * records the transaction created, changed or deleted.
 *
 * `consumeOne` is the exception: it must tell its caller at once whether it
 * won the record (of concurrent consumers exactly one does), so it deletes
 * at once, and the record is put back if the transaction then fails.
 */
import type { Item, PlainKey } from "@dynamoauth/core/internal"
import { matches, type Where } from "../where.js"
import { duplicate } from "./claims.js"
import type { StoreContext } from "./context.js"
import { newRecord, nextRecord, removeRecord, type Writes } from "./writes.js"

type Fields = Record<string, unknown>

/** A record the transaction wrote. */
export interface Touched {
  model: string
  key: PlainKey
  /** The item as read from the table before the first write (none: not in the table). */
  base?: Item
  /** What `base` must still match when the transaction commits. */
  guard: Where[]
  /** The item now (null: deleted). */
  now: Item | null
  /** A deleted record others belong to, as marked leaving at the commit (owners.ts). */
  leaving?: Item
}

export interface Transaction {
  /** By key id. */
  touched: Map<string, Touched>
  /** Records consumeOne deleted at once: put back if the transaction fails. */
  consumed: { model: string; item: Item }[]
}

export const newTransaction = (): Transaction => ({ touched: new Map(), consumed: [] })

/** The records read from the table, as the transaction sees them. */
export function overlay(
  ctx: StoreContext,
  tx: Transaction,
  model: string,
  read: Item[],
  where: Where[],
): Item[] {
  const out = read.filter((item) => !tx.touched.has(ctx.keyId(item as PlainKey)))
  for (const t of tx.touched.values()) {
    if (t.model === model && t.now && matches(t.now, where)) out.push(t.now)
  }
  return out
}

/** The transaction's view of one key: its own item, null when it deleted it, undefined when untouched. */
export function touchedItem(ctx: StoreContext, tx: Transaction, key: PlainKey) {
  return tx.touched.get(ctx.keyId(key))?.now
}

const touch = (ctx: StoreContext, tx: Transaction, model: string, item: Item, where: Where[]) => {
  const id = ctx.keyId(item as PlainKey)
  const key = ctx.recordKey(model, item.id)
  const touched = tx.touched.get(id) ?? { model, key, base: item, guard: where, now: item }
  tx.touched.set(id, touched)
  return touched
}

export function txCreate(ctx: StoreContext, tx: Transaction, model: string, record: Fields) {
  const { item, writes } = newRecord(ctx, model, record)
  const id = ctx.keyId(item as PlainKey)
  const before = tx.touched.get(id)
  if (before?.now) throw duplicate(model, ["id"], undefined)
  // Two records of one transaction holding one claim: DynamoDB would refuse the whole commit.
  for (const claim of writes.claims) {
    const other = [...tx.touched.values()].find(
      (t) =>
        t.model === model && t.now && claim.fields.every((f, i) => t.now![f] === claim.values[i]),
    )
    if (other) throw duplicate(model, claim.fields, undefined)
  }
  tx.touched.set(id, {
    model,
    key: ctx.recordKey(model, record.id),
    ...(before?.base ? { base: before.base } : {}),
    guard: before?.guard ?? [],
    now: item,
  })
  return item
}

/** `set` and `increment` on `item` (as the transaction sees it), found by `where`. */
export function txWrite(
  ctx: StoreContext,
  tx: Transaction,
  model: string,
  item: Item,
  where: Where[],
  set: Fields,
  increment: Record<string, number> = {},
): Fields {
  const touched = touch(ctx, tx, model, item, where)
  const { next } = nextRecord(ctx, model, touched.now!, set, increment)
  if (touched.base) {
    // The new count was computed here: exact only if the stored count is still the one read.
    for (const field of Object.keys(increment)) {
      const value = (touched.base[field] ?? null) as Where["value"]
      touched.guard = [
        ...touched.guard,
        { field, operator: "eq", value, connector: "AND", mode: "sensitive" },
      ]
    }
  }
  touched.now = ctx.layout.recordItem(ctx.info(model), next)
  return ctx.toRecord(touched.now)
}

export function txRemove(
  ctx: StoreContext,
  tx: Transaction,
  model: string,
  item: Item,
  where: Where[],
) {
  touch(ctx, tx, model, item, where).now = null
  return true
}

/** Deletes at once (see above) unless the transaction itself wrote the record. */
export async function txConsume(
  ctx: StoreContext,
  tx: Transaction,
  model: string,
  item: Item,
  where: Where[],
): Promise<boolean> {
  if (tx.touched.has(ctx.keyId(item as PlainKey))) return txRemove(ctx, tx, model, item, where)
  if (!(await removeRecord(ctx, model, item, where))) return false
  tx.consumed.push({ model, item })
  const key = ctx.recordKey(model, item.id)
  tx.touched.set(ctx.keyId(key), { model, key, guard: [], now: null })
  return true
}

/** The store's writes inside `tx`. */
export const transactionWrites = (tx: Transaction): Writes => ({
  create: (ctx, model, record) => txCreate(ctx, tx, model, record),
  write: (ctx, model, item, where, set, increment) =>
    txWrite(ctx, tx, model, item, where, set, increment),
  remove: (ctx, model, item, where) => txRemove(ctx, tx, model, item, where),
  consume: (ctx, model, item, where) => txConsume(ctx, tx, model, item, where),
})
