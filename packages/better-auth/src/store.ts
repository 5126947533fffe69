/**
 * Better Auth's CustomAdapter over core's table client: key lookups where the
 * `where` allows one (docs/layout.md), a scan where it does not, the full
 * `where` applied to what was read, and conditional writes that keep records
 * and their claims together. Each idea is its own module under store/.
 */
import type { CustomAdapter } from "better-auth/adapters"
import { createStoreContext, type StoreOptions } from "./store/context.js"
import { attachJoins, nativeJoins, newPrefetched } from "./store/joins.js"
import { find } from "./store/lookup.js"
import { eachLimited, order, pick } from "./store/results.js"
import { createRecord, removeRecord, writeRecord } from "./store/writes.js"
import type { Where } from "./where.js"

export type { ScanPolicy, StoreOptions } from "./store/context.js"

/** Rounds of re-reading when a conditional write loses to a concurrent one. */
const MAX_ROUNDS = 8

type Fields = Record<string, unknown>

export function createStore(options: StoreOptions): CustomAdapter {
  const ctx = createStoreContext(options)
  const dbNames = (model: string, select: string[] | undefined) =>
    select?.map((field) => ctx.fieldName(model, field))

  /** Finds the first match and applies `attempt` to it, again on a fresh read when it lost a race. */
  async function onFirst<T>(
    model: string,
    where: Where[],
    operation: string,
    attempt: (item: Fields) => Promise<T | undefined>,
  ) {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const [item] = await find(ctx, model, where, operation)
      if (!item) return null
      const done = await attempt(item)
      if (done !== undefined) return done
    }
    return null
  }

  return {
    async create({ model, data }) {
      return ctx.toRecord(await createRecord(ctx, model, data as Fields)) as typeof data
    },

    async findOne({ model, where, select, join }) {
      const joins = nativeJoins(ctx, join)
      const pre = newPrefetched()
      const [item] = await find(ctx, model, where, "findOne", joins, pre)
      if (!item) return null
      const record = ctx.toRecord(item)
      const out = [pick(record, dbNames(model, select))]
      await attachJoins(ctx, joins, [record], out, pre)
      return out[0] as any
    },

    async findMany({ model, where = [], limit, sortBy, offset, select, join }) {
      const joins = nativeJoins(ctx, join)
      const pre = newPrefetched()
      const items = (await find(ctx, model, where, "findMany", joins, pre)).map(ctx.toRecord)
      if (sortBy) {
        const sign = sortBy.direction === "desc" ? -1 : 1
        const field = ctx.fieldName(model, sortBy.field)
        items.sort((a, b) => sign * order(a[field], b[field]))
      }
      const start = offset ?? 0
      const page = items.slice(start, limit === undefined ? undefined : start + limit)
      const out = page.map((record) => pick(record, dbNames(model, select)))
      await attachJoins(ctx, joins, page, out, pre)
      return out as any
    },

    async count({ model, where = [] }) {
      return (await find(ctx, model, where, "count")).length
    },

    async update({ model, where, update }) {
      return onFirst(model, where, "update", (item) =>
        writeRecord(ctx, model, item, where, update as Fields),
      ) as any
    },

    async updateMany({ model, where, update }) {
      const items = await find(ctx, model, where, "updateMany")
      return eachLimited(items, async (item) =>
        Boolean(await writeRecord(ctx, model, item, where, update as Fields)),
      )
    },

    async delete({ model, where }) {
      await onFirst(
        model,
        where,
        "delete",
        async (item) => (await removeRecord(ctx, model, item, where)) || undefined,
      )
    },

    async deleteMany({ model, where }) {
      const items = await find(ctx, model, where, "deleteMany")
      return eachLimited(items, (item) => removeRecord(ctx, model, item, where))
    },

    async consumeOne({ model, where }) {
      return onFirst(model, where, "consumeOne", async (item) =>
        (await removeRecord(ctx, model, item, where)) ? ctx.toRecord(item) : undefined,
      ) as any
    },

    async incrementOne({ model, where, increment, set }) {
      return onFirst(model, where, "incrementOne", (item) =>
        writeRecord(ctx, model, item, where, set ?? {}, increment),
      ) as any
    },
  }
}
