/**
 * Better Auth's CustomAdapter over core's table client: key lookups where the
 * `where` allows one (docs/layout.md), a scan where it does not, the full
 * `where` applied to what was read, and conditional writes that keep records
 * and their claims together.
 */
import { DynamoAuthError, type Keys, type Transport } from "@dynamoauth/core"
import {
  cancellationReasons,
  type Expression,
  type Item,
  isConditionFailure,
  marshallItem,
  type PlainKey,
  type ResolvedOptions,
  type TableClient,
  type TransactItem,
  unmarshallItem,
} from "@dynamoauth/core/internal"
import type { CustomAdapter } from "better-auth/adapters"
import { CLAIM_REF, MEMBER_OF, MODEL_ATTRIBUTE, type ModelKeys } from "./keys.js"
import { createLayout } from "./layout.js"
import type { ModelInfo } from "./schema.js"
import { compileWhere, keyEqualities, keyIn, matches, type Where } from "./where.js"

export type ScanPolicy = "warn" | "allow" | "refuse"

export interface StoreContext {
  options: ResolvedOptions
  transport: Transport
  table: TableClient
  keys: Keys
  modelKeys: ModelKeys
  models: Map<string, ModelInfo>
  scan: ScanPolicy
  warn: (message: string) => void
  /** A field's name in the database (Better Auth passes `select` with schema names). */
  fieldName: (model: string, field: string) => string
}

/** Rounds of re-reading when a conditional write loses to a concurrent one. */
const MAX_ROUNDS = 8
/** Stale-claim takeovers per write before giving up. */
const MAX_TAKEOVERS = 3
/** Writes in flight at once for updateMany / deleteMany. */
const WRITE_CONCURRENCY = 16

/** A claim or member item of a record. */
interface Satellite {
  key: PlainKey
  item: Item
  /** Claims only: the fields and values the claim guards. */
  claim?: { fields: string[]; values: unknown[] }
}

const EXISTS = "attribute_exists(#pk)"
const ABSENT = "attribute_not_exists(#pk)"

export function createStore(ctx: StoreContext): CustomAdapter {
  const { table, modelKeys, keys } = ctx
  const layout = createLayout(keys)
  const internal = layout.internal
  const warned = new Set<string>()

  const info = (model: string): ModelInfo => ctx.models.get(model) ?? { name: model, claims: [] }
  const recordKey = (model: string, id: unknown) => modelKeys.record(model, String(id))

  /** The record's own fields, as Better Auth stored them. */
  const toRecord = (item: Item): Record<string, unknown> => {
    const record: Record<string, unknown> = {}
    for (const [name, value] of Object.entries(item)) if (!internal.has(name)) record[name] = value
    return record
  }

  const derived = (model: string, record: Record<string, unknown>) =>
    layout.derived(info(model), record)

  const keyId = (key: PlainKey) => `${key[keys.partitionKey]}\u0000${key[keys.sortKey]}`

  /**
   * The claim and member items that go with a record (docs/layout.md), by key:
   * written, moved and released in the same transaction as the record.
   */
  const satellites = (model: string, record: Record<string, unknown>): Map<string, Satellite> => {
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
  }

  const claimPut = (item: Item, staleRef?: string): TransactItem => ({
    put: item,
    condition:
      staleRef === undefined
        ? { expression: ABSENT }
        : { expression: `${ABSENT} OR #${CLAIM_REF} = :stale`, values: { ":stale": staleRef } },
  })

  const claimRelease = (key: PlainKey, id: unknown): TransactItem => ({
    delete: key,
    condition: {
      expression: `${ABSENT} OR #${CLAIM_REF} = :me`,
      values: { ":me": String(id) },
    },
  })

  /** A claim still held by record `id`, rewritten (or put back, if it went missing). */
  const claimRewrite = (item: Item, id: unknown): TransactItem => ({
    put: item,
    condition: { expression: `${ABSENT} OR #${CLAIM_REF} = :me`, values: { ":me": String(id) } },
  })

  /** Releases a claim (if still held by `id`) or deletes a member item. */
  const release = (s: Satellite, id: unknown): TransactItem =>
    s.claim ? claimRelease(s.key, id) : { delete: s.key }

  /** Is the claim at `key` held by a record that still has these values? */
  async function claimHeld(model: string, fields: string[], values: unknown[]) {
    const claim = await table.get(modelKeys.claim(model, fields, values))
    if (!claim) return { held: false as const }
    const owner = await table.get(recordKey(model, claim[CLAIM_REF]))
    const held =
      owner?.[MODEL_ATTRIBUTE] === model && fields.every((f, i) => owner[f] === values[i])
    return { held, ref: String(claim[CLAIM_REF]) }
  }

  function duplicate(model: string, fields: string[], cause: unknown) {
    return new DynamoAuthError({
      code: "DUPLICATE_VALUE",
      operation: `create ${model}`,
      message: `another ${model} already has this ${fields.join(" + ")}`,
      awsErrorName: "TransactionCanceledException",
      cause,
    })
  }

  /**
   * A transaction whose items from index `first` on are claim puts. When a
   * claim is held by a record that no longer has the value (stale), it is
   * taken over; when it is really held, DUPLICATE_VALUE.
   */
  async function transactClaiming(
    model: string,
    items: TransactItem[],
    claims: { fields: string[]; values: unknown[]; item: Item }[],
    first: number,
  ): Promise<"ok" | "guard"> {
    const stale: (string | undefined)[] = claims.map(() => undefined)
    for (let attempt = 0; ; attempt++) {
      const puts = claims.map((c, i) => claimPut(c.item, stale[i]))
      try {
        await table.transact([...items.slice(0, first), ...puts, ...items.slice(first)])
        return "ok"
      } catch (error) {
        const reasons = cancellationReasons(error)
        if (!reasons) throw error
        if (reasons[0] === "ConditionalCheckFailed") return "guard"
        const lost = claims.findIndex((_, i) => reasons[first + i] === "ConditionalCheckFailed")
        if (lost < 0 || attempt >= MAX_TAKEOVERS) throw error
        const { fields, values } = claims[lost]!
        const { held, ref } = await claimHeld(model, fields, values)
        if (held) throw duplicate(model, fields, error)
        stale[lost] = ref
      }
    }
  }

  /** Every item of `model` (raw, with keys) that the key part of `where` can address. */
  async function candidates(model: string, where: Where[], operation: string): Promise<Item[]> {
    const { claims, partition } = info(model)
    const equal = keyEqualities(where)
    if (equal.has("id")) {
      const item = await table.get(recordKey(model, equal.get("id")))
      return item ? [item] : []
    }
    const ids = keyIn(where, "id")
    if (ids) return table.batchGet([...new Set(ids.map(String))].map((id) => recordKey(model, id)))
    for (const fields of claims) {
      if (!fields.every((f) => equal.has(f))) continue
      const claim = await table.get(
        modelKeys.claim(
          model,
          fields,
          fields.map((f) => equal.get(f)),
        ),
      )
      if (!claim) return []
      const item = await table.get(recordKey(model, claim[CLAIM_REF]))
      return item ? [item] : []
    }
    if (partition && equal.has(partition)) {
      // The members of the partition, read strongly consistently, then their records.
      const members = await table.query({
        expression: "#pk = :p",
        values: { ":p": modelKeys.partitionValue(model, partition, equal.get(partition)) },
      })
      const ids = members.filter((m) => m[MEMBER_OF] === model).map((m) => String(m[CLAIM_REF]))
      if (!ids.length) return []
      const byId = new Map(
        (await table.batchGet(ids.map((id) => recordKey(model, id)))).map((i) => [String(i.id), i]),
      )
      // In the partition's order (by id), as a Query would return them.
      return ids.flatMap((id): Item[] => {
        const item = byId.get(id)
        return item ? [item] : []
      })
    }
    return scan(model, where, operation)
  }

  async function scan(model: string, where: Where[], operation: string): Promise<Item[]> {
    const shape = `${operation} ${model} (${where.map((c) => `${c.field} ${c.operator}`).join(", ") || "no where"})`
    if (ctx.scan === "refuse") {
      throw new DynamoAuthError({
        code: "SCAN_REFUSED",
        operation: `${operation} ${model}`,
        message: `no key lookup answers ${shape}; it would scan the table (option scan: "refuse")`,
      })
    }
    if (ctx.scan === "warn" && !warned.has(shape)) {
      warned.add(shape)
      ctx.warn(`[dynamoauth] ${shape}: no key lookup fits, scanning the table (docs: layout.md)`)
    }
    const items: Item[] = []
    let ExclusiveStartKey: unknown
    do {
      const out = await ctx.transport.send("Scan", {
        TableName: ctx.options.tableName,
        ConsistentRead: true,
        FilterExpression: "#m = :m",
        ExpressionAttributeNames: { "#m": MODEL_ATTRIBUTE },
        ExpressionAttributeValues: marshallItem({ ":m": model }),
        ...(ExclusiveStartKey ? { ExclusiveStartKey } : {}),
      })
      for (const item of out.Items ?? []) items.push(unmarshallItem(item))
      ExclusiveStartKey = out.LastEvaluatedKey
    } while (ExclusiveStartKey)
    return items
  }

  /** The matching items, raw. */
  async function find(model: string, where: Where[], operation: string): Promise<Item[]> {
    const read = await candidates(model, where, operation)
    return read.filter((item) => item[MODEL_ATTRIBUTE] === model && matches(item, where))
  }

  /**
   * Writes `set` and `increment` to the record read as `snapshot`, under the
   * condition that it still matches `where`. Returns the new record, or
   * undefined when the condition failed (the caller re-reads).
   */
  async function write(
    model: string,
    snapshot: Item,
    where: Where[],
    set: Record<string, unknown>,
    increment: Record<string, number> = {},
  ): Promise<Record<string, unknown> | undefined> {
    const changes: Item = {}
    for (const [field, value] of Object.entries(set)) {
      if (value !== undefined && field !== "id" && !internal.has(field)) changes[field] = value
    }
    const next = { ...toRecord(snapshot), ...changes }
    const ttlBefore = derived(model, snapshot)
    for (const [name, value] of Object.entries(derived(model, next))) {
      if (value !== ttlBefore[name]) changes[name] = value
    }
    const names: Record<string, string> = {}
    const values: Record<string, unknown> = {}
    const assign: string[] = []
    const remove: string[] = []
    const condition = compileWhere(where, snapshot)
    const guards: string[] = [EXISTS, condition.expression]
    let n = 0
    for (const [field, value] of Object.entries(changes)) {
      const f = `#u${n}`
      names[f] = field
      if (value === undefined) remove.push(f)
      else {
        values[`:u${n}`] = value
        assign.push(`${f} = :u${n}`)
      }
      n++
    }
    for (const [field, delta] of Object.entries(increment)) {
      const f = `#u${n}`
      names[f] = field
      values[`:u${n}`] = delta
      if (typeof snapshot[field] === "number") assign.push(`${f} = ${f} + :u${n}`)
      else {
        // No number yet (missing or null): Better Auth counts from 0; exact only while it stays so.
        assign.push(`${f} = :u${n}`)
        guards.push(`(attribute_not_exists(${f}) OR attribute_type(${f}, :t${n}))`)
        values[`:t${n}`] = "NULL"
      }
      n++
    }
    if (!assign.length && !remove.length)
      return matches(snapshot, where) ? toRecord(snapshot) : undefined
    const update: Expression = {
      expression: [
        assign.length && `SET ${assign.join(", ")}`,
        remove.length && `REMOVE ${remove.join(", ")}`,
      ]
        .filter(Boolean)
        .join(" "),
      names,
      values,
    }
    const guard: Expression = {
      expression: guards.filter(Boolean).join(" AND "),
      names: condition.names,
      values: condition.values,
    }
    const key = recordKey(model, snapshot.id)
    // Claims and members follow the record: released, put, or rewritten when
    // what they hold changed (a new expiry, a new owner).
    const before = satellites(model, snapshot)
    const after = satellites(model, next)
    const others: TransactItem[] = []
    const claims: { fields: string[]; values: unknown[]; item: Item }[] = []
    for (const [id, old] of before) {
      if (!after.has(id)) others.push(release(old, snapshot.id))
    }
    for (const [id, now] of after) {
      const old = before.get(id)
      if (!old && now.claim) claims.push({ ...now.claim, item: now.item })
      else if (!old) others.push({ put: now.item })
      else if (JSON.stringify(old.item) !== JSON.stringify(now.item))
        others.push(now.claim ? claimRewrite(now.item, snapshot.id) : { put: now.item })
    }
    if (!others.length && !claims.length) {
      try {
        return toRecord(await table.update(key, update, guard))
      } catch (error) {
        if (isConditionFailure(error)) return undefined
        throw error
      }
    }
    const outcome = await transactClaiming(
      model,
      [{ update: key, set: update, condition: guard }, ...others],
      claims,
      1,
    )
    if (outcome === "guard") return undefined
    const item = await table.get(key)
    return item ? toRecord(item) : undefined
  }

  /** Deletes the record read as `snapshot` (and its claims and member) if it still matches `where`. */
  async function remove(model: string, snapshot: Item, where: Where[]): Promise<boolean> {
    const key = recordKey(model, snapshot.id)
    const condition = compileWhere(where, snapshot)
    const guard: Expression = {
      expression: [EXISTS, condition.expression].filter(Boolean).join(" AND "),
      names: condition.names,
      values: condition.values,
    }
    const releases = [...satellites(model, snapshot).values()].map((s) => release(s, snapshot.id))
    try {
      if (!releases.length) await table.delete(key, guard)
      else await table.transact([{ delete: key, condition: guard }, ...releases])
      return true
    } catch (error) {
      if (isConditionFailure(error) || cancellationReasons(error)?.[0] === "ConditionalCheckFailed")
        return false
      throw error
    }
  }

  const dbNames = (model: string, select: string[] | undefined) =>
    select?.map((field) => ctx.fieldName(model, field))

  async function eachLimited<T>(all: T[], run: (item: T) => Promise<boolean>): Promise<number> {
    let done = 0
    for (let i = 0; i < all.length; i += WRITE_CONCURRENCY) {
      const results = await Promise.all(all.slice(i, i + WRITE_CONCURRENCY).map(run))
      done += results.filter(Boolean).length
    }
    return done
  }

  return {
    async create({ model, data }) {
      const record = data as Record<string, unknown>
      if (record.id === undefined || record.id === null) {
        throw new DynamoAuthError({
          code: "INVALID_INPUT",
          operation: `create ${model}`,
          message: "a record needs an id (leave Better Auth's id generation on)",
        })
      }
      const item = layout.recordItem(info(model), record)
      const claims: { fields: string[]; values: unknown[]; item: Item }[] = []
      const members: TransactItem[] = []
      for (const s of satellites(model, record).values()) {
        if (s.claim) claims.push({ ...s.claim, item: s.item })
        else members.push({ put: s.item })
      }
      const outcome = await transactClaiming(
        model,
        [{ put: item, condition: { expression: ABSENT } }, ...members],
        claims,
        1,
      )
      if (outcome === "guard") {
        throw new DynamoAuthError({
          code: "DUPLICATE_VALUE",
          operation: `create ${model}`,
          message: `a ${model} with this id already exists`,
          awsErrorName: "ConditionalCheckFailedException",
        })
      }
      return toRecord(item) as typeof data
    },

    async findOne({ model, where, select }) {
      const [item] = await find(model, where, "findOne")
      return (item ? pick(toRecord(item), dbNames(model, select)) : null) as any
    },

    async findMany({ model, where = [], limit, sortBy, offset, select }) {
      const items = (await find(model, where, "findMany")).map(toRecord)
      if (sortBy) {
        const sign = sortBy.direction === "desc" ? -1 : 1
        const field = ctx.fieldName(model, sortBy.field)
        items.sort((a, b) => sign * order(a[field], b[field]))
      }
      const start = offset ?? 0
      const page = items.slice(start, limit === undefined ? undefined : start + limit)
      const fields = dbNames(model, select)
      return page.map((record) => pick(record, fields)) as any
    },

    async count({ model, where = [] }) {
      return (await find(model, where, "count")).length
    },

    async update({ model, where, update }) {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const [item] = await find(model, where, "update")
        if (!item) return null
        const updated = await write(model, item, where, update as Record<string, unknown>)
        if (updated) return updated as any
      }
      return null
    },

    async updateMany({ model, where, update }) {
      const items = await find(model, where, "updateMany")
      return eachLimited(items, async (item) =>
        Boolean(await write(model, item, where, update as Record<string, unknown>)),
      )
    },

    async delete({ model, where }) {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const [item] = await find(model, where, "delete")
        if (!item || (await remove(model, item, where))) return
      }
    },

    async deleteMany({ model, where }) {
      const items = await find(model, where, "deleteMany")
      return eachLimited(items, (item) => remove(model, item, where))
    },

    async consumeOne({ model, where }) {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const [item] = await find(model, where, "consumeOne")
        if (!item) return null
        if (await remove(model, item, where)) return toRecord(item) as any
      }
      return null
    },

    async incrementOne({ model, where, increment, set }) {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const [item] = await find(model, where, "incrementOne")
        if (!item) return null
        const updated = await write(model, item, where, set ?? {}, increment)
        if (updated) return updated as any
      }
      return null
    },
  }
}

/** Only the selected fields (all when there is no selection); reads cost the same either way. */
function pick(record: Record<string, unknown>, select: string[] | undefined) {
  if (!select?.length) return record
  return Object.fromEntries(select.filter((f) => f in record).map((f) => [f, record[f]]))
}

/** Better Auth's sort order: nulls first, then by value. */
function order(a: unknown, b: unknown): number {
  if (a === b) return 0
  if (a === null || a === undefined) return -1
  if (b === null || b === undefined) return 1
  if (typeof a === "number" && typeof b === "number") return a - b
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b)
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0
}
