/**
 * Better Auth's CustomAdapter over core's table client: key lookups where the
 * `where` allows one (docs/layout.md), a scan where it does not, the full
 * `where` applied to what was read, and conditional writes that keep records
 * and their claims together.
 */
import {
  DynamoAuthError,
  type Keys,
  type ResolvedTableOptions,
  type Transport,
} from "@dynamoauth/core"
import {
  cancellationReasons,
  type Expression,
  type Item,
  isConditionFailure,
  LruCache,
  marshallItem,
  type PlainKey,
  type TableClient,
  type TransactItem,
  unmarshallItem,
} from "@dynamoauth/core/internal"
import type { CustomAdapter } from "better-auth/adapters"
import { CLAIM_REF, keyPart, MEMBER_OF, MODEL_ATTRIBUTE, type ModelKeys } from "./keys.js"
import { createLayout } from "./layout.js"
import type { ModelInfo } from "./schema.js"
import { compileWhere, keyEqualities, keyIn, matches, type Where } from "./where.js"

export type ScanPolicy = "warn" | "allow" | "refuse"

type JoinOption = Parameters<CustomAdapter["findOne"]>[0]["join"]

export interface StoreContext {
  options: ResolvedTableOptions
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
  const claimCache = new LruCache<string, { ref: string; owner: unknown }>(CLAIM_CACHE_SIZE)

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

  const partitionOf = (model: string, record: Record<string, unknown>) => {
    const { partition } = info(model)
    return partition === undefined ? undefined : record[partition]
  }

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

  /** Ids of `model`'s records listed in the partition of `field = value`, strongly consistent. */
  async function memberIds(model: string, field: string, value: unknown): Promise<string[]> {
    const members = await table.query({
      expression: "#pk = :p",
      values: { ":p": modelKeys.partitionValue(model, field, value) },
    })
    return members.filter((m) => m[MEMBER_OF] === model).map((m) => String(m[CLAIM_REF]))
  }

  /** Items by key in BatchGetItem requests, by key id. */
  async function readKeys(wanted: PlainKey[]): Promise<Map<string, Item>> {
    const unique = new Map(wanted.map((key) => [keyId(key), key]))
    if (!unique.size) return new Map()
    const items = await table.batchGet([...unique.values()])
    return new Map(items.map((item) => [keyId(item as PlainKey), item]))
  }

  const listKey = (j: JoinSpec, value: unknown) => `${j.model}\u0000${j.to}\u0000${keyPart(value)}`

  /**
   * Keys of joined records that can be read together with the base record,
   * from what is known of it before it is read (its id, and the partition
   * value a claim holds); one-to-many joins list their members first.
   */
  async function prefetchKeys(joins: JoinSpec[], known: Record<string, unknown>, pre: Prefetched) {
    const out: PlainKey[] = []
    await Promise.all(
      joins.map(async (j) => {
        const value = known[j.from]
        if (value === null || value === undefined) return
        if (!j.many) return void out.push(recordKey(j.model, value))
        const ids = await memberIds(j.model, j.to, value)
        pre.lists.set(listKey(j, value), ids)
        for (const id of ids.slice(0, j.limit)) out.push(recordKey(j.model, id))
      }),
    )
    return out
  }

  /**
   * The joins answered here: to a record by its id (session → user), and to a
   * model's members by its partition field (user → accounts).
   */
  const nativeJoins = (join: JoinOption): JoinSpec[] =>
    Object.entries(join ?? {}).flatMap(([joined, config]) => {
      const { on, relation, limit } = config
      const many = relation === "one-to-many"
      if (many ? info(joined).partition !== on.to : on.to !== "id") return []
      return [{ model: joined, from: on.from, to: on.to, many, limit }]
    })

  /** Every item of `model` (raw, with keys) that the key part of `where` can address. */
  async function candidates(
    model: string,
    where: Where[],
    operation: string,
    joins: JoinSpec[] = [],
    pre: Prefetched = newPrefetched(),
  ): Promise<Item[]> {
    const { claims, partition } = info(model)
    const equal = keyEqualities(where)
    /** The record with this id, and with it whatever joined records its known fields name. */
    const byId = async (id: string, owner?: unknown) => {
      const known = { id, ...(partition && owner !== undefined ? { [partition]: owner } : {}) }
      const base = recordKey(model, id)
      const extra = await prefetchKeys(joins, known, pre)
      if (!extra.length) {
        const item = await table.get(base)
        return item ? [item] : []
      }
      const read = await readKeys([base, ...extra])
      for (const [key, item] of read) pre.items.set(key, item)
      const item = read.get(keyId(base))
      return item ? [item] : []
    }
    if (equal.has("id")) return byId(String(equal.get("id")))
    const ids = keyIn(where, "id")
    if (ids) return table.batchGet([...new Set(ids.map(String))].map((id) => recordKey(model, id)))
    for (const fields of claims) {
      if (!fields.every((f) => equal.has(f))) continue
      const values = fields.map((f) => equal.get(f))
      const key = modelKeys.claim(model, fields, values)
      const cached = claimCache.get(keyId(key))
      if (cached) {
        // A claim's record is checked, never trusted: it must still hold the values.
        const items = await byId(cached.ref, cached.owner)
        if (items[0] && fields.every((f, i) => items[0]![f] === values[i])) return items
        claimCache.delete(keyId(key))
      }
      const claim = await table.get(key)
      if (!claim) return []
      const entry = {
        ref: String(claim[CLAIM_REF]),
        owner: partition ? claim[partition] : undefined,
      }
      claimCache.set(keyId(key), entry)
      return byId(entry.ref, entry.owner)
    }
    if (partition && equal.has(partition)) {
      // The members of the partition, read strongly consistently, then their records.
      const ids = await memberIds(model, partition, equal.get(partition))
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
  async function find(
    model: string,
    where: Where[],
    operation: string,
    joins?: JoinSpec[],
    pre?: Prefetched,
  ): Promise<Item[]> {
    const read = await candidates(model, where, operation, joins, pre)
    return read.filter((item) => item[MODEL_ATTRIBUTE] === model && matches(item, where))
  }

  /**
   * Sets each joined model on `out[i]` from `records[i]`: records by id and
   * lists of members, read in one BatchGetItem beside what was prefetched.
   */
  async function attachJoins(
    joins: JoinSpec[],
    records: Record<string, unknown>[],
    out: Record<string, unknown>[],
    pre: Prefetched,
  ) {
    if (!joins.length || !records.length) return
    await Promise.all(
      joins
        .filter((j) => j.many)
        .flatMap((j) =>
          records.map(async (record) => {
            const value = record[j.from]
            if (value === null || value === undefined || pre.lists.has(listKey(j, value))) return
            pre.lists.set(listKey(j, value), await memberIds(j.model, j.to, value))
          }),
        ),
    )
    const targets = (j: JoinSpec, record: Record<string, unknown>): PlainKey[] => {
      const value = record[j.from]
      if (value === null || value === undefined) return []
      if (!j.many) return [recordKey(j.model, value)]
      const ids = pre.lists.get(listKey(j, value)) ?? []
      return ids.slice(0, j.limit).map((id) => recordKey(j.model, id))
    }
    const missing = joins.flatMap((j) =>
      records.flatMap((r) => targets(j, r).filter((k) => !pre.items.has(keyId(k)))),
    )
    for (const [key, item] of await readKeys(missing)) pre.items.set(key, item)
    records.forEach((record, i) => {
      for (const j of joins) {
        const found = targets(j, record)
          .map((key) => pre.items.get(keyId(key)))
          .filter((item): item is Item => item?.[MODEL_ATTRIBUTE] === j.model)
          .filter((item) => item[j.to] === record[j.from])
          .map(toRecord)
        out[i]![j.model] = j.many ? found : (found[0] ?? null)
      }
    })
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
      // This instance wrote the claims: the next lookup by them can go straight to the record.
      const owner = partitionOf(model, record)
      for (const c of claims)
        claimCache.set(keyId(c.item as PlainKey), { ref: String(record.id), owner })
      return toRecord(item) as typeof data
    },

    async findOne({ model, where, select, join }) {
      const joins = nativeJoins(join)
      const pre = newPrefetched()
      const [item] = await find(model, where, "findOne", joins, pre)
      if (!item) return null
      const record = toRecord(item)
      const out = [pick(record, dbNames(model, select))]
      await attachJoins(joins, [record], out, pre)
      return out[0] as any
    },

    async findMany({ model, where = [], limit, sortBy, offset, select, join }) {
      const joins = nativeJoins(join)
      const pre = newPrefetched()
      const items = (await find(model, where, "findMany", joins, pre)).map(toRecord)
      if (sortBy) {
        const sign = sortBy.direction === "desc" ? -1 : 1
        const field = ctx.fieldName(model, sortBy.field)
        items.sort((a, b) => sign * order(a[field], b[field]))
      }
      const start = offset ?? 0
      const page = items.slice(start, limit === undefined ? undefined : start + limit)
      const fields = dbNames(model, select)
      const out = page.map((record) => pick(record, fields))
      await attachJoins(joins, page, out, pre)
      return out as any
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

/** A join this adapter answers itself (others are left to Better Auth's separate queries). */
interface JoinSpec {
  model: string
  from: string
  to: string
  many: boolean
  limit?: number
}

/** What one findOne / findMany has read beyond its own records. */
interface Prefetched {
  items: Map<string, Item>
  lists: Map<string, string[]>
}

const newPrefetched = (): Prefetched => ({ items: new Map(), lists: new Map() })

/** Claim lookups remembered per adapter instance (each is checked on use). */
const CLAIM_CACHE_SIZE = 1000

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
