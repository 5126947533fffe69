/**
 * Commits a transaction's writes (transaction.ts): in one TransactWriteItems,
 * with their conditions and claims, when they fit DynamoDB's limit of 100
 * actions and 4 MB. A record others belong to that it deletes (a user) is
 * first marked leaving, and what belongs to it read then joins the deletes;
 * the record leaves a tombstone (owners.ts). When the writes do not fit (a
 * user with 60 sessions deleted), they are written in steps, in an order where
 * every state between two steps is one the adapter treats as consistent and
 * running the flow again completes it:
 *
 * 1. deletes of records that expire anyway (sessions, verifications);
 * 2. deletes of records listed under another (accounts, members), only as far
 *    as needed;
 * 3. everything else in one last transaction: the records created or changed,
 *    the records others point to (the user) with whatever of 1 and 2 still fits.
 *
 * So a user is never left without its credential account while it exists: a
 * failed step leaves it signed out of some sessions at most.
 */
import { DynamoAuthError } from "@dynamoauth/core"
import { getItem, type Item, MAX_TRANSACT_ITEMS, withErrors } from "@dynamoauth/core/internal"
import { ABSENT, transactClaiming } from "./claims.js"
import type { StoreContext } from "./context.js"
import { isOwner, markLeaving, ownedBy, tombstone } from "./owners.js"
import { newTransaction, type Touched, type Transaction } from "./transaction.js"
import { recordUpdate } from "./update-expression.js"
import {
  createRecord,
  moveSatellites,
  newRecord,
  type RecordWrites,
  rememberClaims,
  removal,
} from "./writes.js"

/** Bytes in one TransactWriteItems. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html */
const MAX_TRANSACT_BYTES = 4 * 1024 * 1024

interface Group extends RecordWrites {
  touched: Touched
  /** 0: delete of an expiring record, 1: delete of a listed record, 2: the rest (see above). */
  rank: number
  size: number
  bytes: number
}

export async function commitTransaction(ctx: StoreContext, tx: Transaction): Promise<void> {
  await markOwners(ctx, tx)
  const checked = new Set(tx.touched.keys())
  const groups = [...tx.touched.values()].flatMap((touched): Group[] => {
    const writes = writesOf(ctx, touched)
    // One check per owner, none on a record this transaction writes (DynamoDB takes one action per item).
    writes.items = writes.items.filter((i) => {
      if (!("check" in i)) return true
      const id = ctx.keyId(i.check)
      if (checked.has(id)) return false
      checked.add(id)
      return true
    })
    const size = writes.items.length + writes.claims.length
    if (!size) return []
    const bytes = JSON.stringify(writes).length
    return [{ ...writes, touched, rank: rankOf(ctx, touched), size, bytes }]
  })
  for (const step of steps(groups)) {
    const items = step.flatMap((g) => g.items)
    const claims = step.flatMap((g) => g.claims)
    if ((await transactClaiming(ctx, items, claims)).length) throw conflict()
  }
  for (const g of groups) {
    const { now, model } = g.touched
    if (now) rememberClaims(ctx, model, now, g.claims)
  }
}

/**
 * Marks each record others belong to that the transaction deletes leaving,
 * and adds the deletes of what belongs to it, read then (theirs too). Gone
 * already: nothing to write for it. Changed since it was read: CONFLICT.
 */
async function markOwners(ctx: StoreContext, tx: Transaction): Promise<void> {
  for (let pending = owners(ctx, tx); pending.length; pending = owners(ctx, tx)) {
    for (const t of pending) {
      const marked = await markLeaving(ctx, t.model, t.base!, t.guard)
      if (!marked) {
        if (await getItem(ctx.table, t.key)) throw conflict()
        tx.touched.delete(ctx.keyId(t.key))
        continue
      }
      t.leaving = marked
      for (const { model, item } of await ownedBy(ctx, t.model, marked)) {
        const key = ctx.recordKey(model, item.id)
        const id = ctx.keyId(key)
        const known = tx.touched.get(id)
        if (known) known.now = null
        else tx.touched.set(id, { model, key, base: item, guard: [], now: null })
      }
    }
  }
}

/** Deleted records others belong to, not marked yet. */
const owners = (ctx: StoreContext, tx: Transaction) =>
  [...tx.touched.values()].filter((t) => t.base && !t.now && !t.leaving && isOwner(ctx, t.model))

const conflict = () =>
  new DynamoAuthError({
    code: "CONFLICT",
    operation: "transaction",
    message:
      "a record it read changed before it was committed (or one it wrote belongs to a record being deleted); this step wrote nothing",
    awsErrorName: "TransactionCanceledException",
  })

/** Puts back what consumeOne deleted in a transaction that then failed. */
export async function restoreConsumed(ctx: StoreContext, tx: Transaction): Promise<void> {
  for (const { model, item } of tx.consumed) {
    await createRecord(ctx, model, ctx.toRecord(item)).catch(() => {
      // Taken again meanwhile (same id or claim): what holds it now stays.
    })
  }
}

/** What one touched record sends: a put, an update from what was read, or a delete. */
function writesOf(ctx: StoreContext, t: Touched): RecordWrites {
  const { base, now, model } = t
  if (!base)
    return now ? newRecord(ctx, model, ctx.toRecord(now)).writes : { items: [], claims: [] }
  if (!now && t.leaving) return { items: tombstone(ctx, model, t.leaving), claims: [] }
  if (!now) {
    const { key, guard, releases } = removal(ctx, model, base, t.guard)
    // Already gone is as good as deleted: running the flow again must not fail on it.
    const condition = { ...guard, expression: `${ABSENT} OR (${guard.expression})` }
    return { items: [{ delete: key, condition }, ...releases], claims: [] }
  }
  const changes: Item = {}
  for (const name of new Set([...Object.keys(base), ...Object.keys(now)])) {
    if (JSON.stringify(base[name]) !== JSON.stringify(now[name])) changes[name] = now[name]
  }
  const { update, guard } = recordUpdate(base, t.guard, changes, {})
  const moved = moveSatellites(ctx, model, base, ctx.toRecord(now))
  if (!update && !moved.items.length && !moved.claims.length) return moved
  const record = update
    ? { update: t.key, set: update, condition: guard }
    : { check: t.key, condition: guard }
  return { items: [record, ...moved.items], claims: moved.claims }
}

function rankOf(ctx: StoreContext, { model, now }: Touched): number {
  if (now) return 2
  const info = ctx.info(model)
  return info.expires ? 0 : info.partition ? 1 : 2
}

const fits = (groups: Group[]) =>
  groups.reduce((n, g) => n + g.size, 0) <= MAX_TRANSACT_ITEMS &&
  groups.reduce((n, g) => n + g.bytes, 0) <= MAX_TRANSACT_BYTES

/** The groups in transactions of at most 100 actions, in the order above; the last holds rank 2. */
function steps(groups: Group[]): Group[][] {
  const last = [...groups].sort((a, b) => a.rank - b.rank)
  const early: Group[] = []
  while (!fits(last) && last[0] && last[0].rank < 2) early.push(last.shift()!)
  if (!fits(last)) {
    throw new DynamoAuthError({
      code: "INVALID_INPUT",
      operation: "transaction",
      message: `${last.reduce((n, g) => n + g.size, 0)} writes must commit together, more than DynamoDB takes in one transaction (${MAX_TRANSACT_ITEMS} actions, 4 MB); nothing was written`,
    })
  }
  const out: Group[][] = []
  for (const group of early) {
    const step = out.at(-1)
    if (step && fits([...step, group])) step.push(group)
    else out.push([group])
  }
  return last.length ? [...out, last] : out
}

/**
 * Runs `body` with a new transaction and commits what it wrote when it
 * returns. When it throws, or the commit fails, nothing of it stays written
 * (what consumeOne took is put back) and the error is passed on.
 */
export async function runTransaction<R>(
  ctx: StoreContext,
  body: (tx: Transaction) => Promise<R>,
): Promise<R> {
  const tx = newTransaction()
  try {
    const result = await body(tx)
    await withErrors("transaction", ctx.options, () => commitTransaction(ctx, tx))
    return result
  } catch (error) {
    await restoreConsumed(ctx, tx)
    throw error
  }
}
