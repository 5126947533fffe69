/**
 * Better Auth's CustomAdapter over core's table client: key lookups where the
 * `where` allows one (docs/layout.md), a scan where it does not, the full
 * `where` applied to what was read, and conditional writes that keep records
 * and their claims together. Each idea is its own module under store/; inside
 * a transaction the same methods read through it and collect their writes.
 */
import type { CustomAdapter } from "better-auth/adapters"
import { leftToTtl } from "./lookups.js"
import type { StoreContext } from "./store/context.js"
import { directIncrement } from "./store/direct-write.js"
import {
  attachJoins,
  type JoinSpec,
  nativeJoins,
  newPrefetched,
  type Prefetched,
} from "./store/joins.js"
import { find } from "./store/lookup.js"
import { isOwner, removeOwner } from "./store/owners.js"
import { eachLimited, order, pick } from "./store/results.js"
import { overlay, type Transaction, transactionWrites } from "./store/transaction.js"
import { immediateWrites } from "./store/writes.js"
import type { Where } from "./where.js"

export { createStoreContext, type ScanPolicy, type StoreOptions } from "./store/context.js"

/** Rounds of re-reading when a conditional write loses to a concurrent one. */
const MAX_ROUNDS = 8

type Fields = Record<string, unknown>

/** The adapter's methods on `ctx`; inside `tx` when given. */
export function createStore(ctx: StoreContext, tx?: Transaction): CustomAdapter {
  const writes = tx ? transactionWrites(tx) : immediateWrites
  const dbNames = (model: string, select: string[] | undefined) =>
    select?.map((field) => ctx.fieldName(model, field))

  /** The items of `model` matching `where`, as this store sees them. */
  async function read(
    model: string,
    where: Where[],
    operation: string,
    joins?: JoinSpec[],
    pre?: Prefetched,
  ) {
    const items = await find(ctx, model, where, operation, joins, pre)
    return tx ? overlay(ctx, tx, model, items, where) : items
  }

  /** Applies `attempt` to the first match, again on a fresh read when it lost a race. */
  async function onFirst<T>(
    model: string,
    where: Where[],
    operation: string,
    attempt: (item: Fields) => Promise<T | undefined> | T | undefined,
  ) {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const [item] = await read(model, where, operation)
      if (!item) return null
      const done = await attempt(item)
      if (done !== undefined) return done
    }
    return null
  }

  /** Deletes a record; at once, with what belongs to it (owners.ts; a transaction does so at its commit). */
  async function remove(model: string, item: Fields, where: Where[]) {
    if (!tx && isOwner(ctx, model)) return removeOwner(ctx, model, item, where)
    return writes.remove(ctx, model, item, where)
  }

  return {
    async create({ model, data }) {
      return ctx.toRecord(await writes.create(ctx, model, data as Fields)) as typeof data
    },

    async findOne({ model, where, select, join }) {
      const joins = nativeJoins(ctx, join)
      const pre = newPrefetched()
      const [item] = await read(model, where, "findOne", joins, pre)
      if (!item) return null
      const record = ctx.toRecord(item)
      const out = [pick(record, dbNames(model, select))]
      await attachJoins(ctx, joins, [record], out, pre, tx)
      return out[0] as any
    },

    async findMany({ model, where = [], limit, sortBy, offset, select, join }) {
      const joins = nativeJoins(ctx, join)
      const pre = newPrefetched()
      const items = (await read(model, where, "findMany", joins, pre)).map(ctx.toRecord)
      if (sortBy) {
        const sign = sortBy.direction === "desc" ? -1 : 1
        const field = ctx.fieldName(model, sortBy.field)
        items.sort((a, b) => sign * order(a[field], b[field]))
      }
      const start = offset ?? 0
      const page = items.slice(start, limit === undefined ? undefined : start + limit)
      const out = page.map((record) => pick(record, dbNames(model, select)))
      await attachJoins(ctx, joins, page, out, pre, tx)
      return out as any
    },

    async count({ model, where = [] }) {
      return (await read(model, where, "count")).length
    },

    async update({ model, where, update }) {
      return onFirst(model, where, "update", (item) =>
        writes.write(ctx, model, item, where, update as Fields),
      ) as any
    },

    async updateMany({ model, where, update }) {
      const items = await read(model, where, "updateMany")
      return eachLimited(items, async (item) =>
        Boolean(await writes.write(ctx, model, item, where, update as Fields)),
      )
    },

    async delete({ model, where }) {
      await onFirst(
        model,
        where,
        "delete",
        async (item) => (await remove(model, item, where)) || undefined,
      )
    },

    async deleteMany({ model, where }) {
      // Pruning expired records is DynamoDB TTL's job (lookups.ts): no scan, no request.
      if (leftToTtl(ctx.info(model), where)) return 0
      const items = await read(model, where, "deleteMany")
      return eachLimited(items, (item) => remove(model, item, where))
    },

    async consumeOne({ model, where }) {
      return onFirst(model, where, "consumeOne", async (item) =>
        (await writes.consume(ctx, model, item, where)) ? ctx.toRecord(item) : undefined,
      ) as any
    },

    async incrementOne({ model, where, increment, set }) {
      // Straight to the record when this instance's last read predicts the where holds.
      const direct = tx ? undefined : await directIncrement(ctx, model, where, set ?? {}, increment)
      if (direct) return direct as any
      return onFirst(model, where, "incrementOne", (item) =>
        writes.write(ctx, model, item, where, set ?? {}, increment),
      ) as any
    },
  }
}
