/**
 * From a `where` to the items it can match (docs/layout.md): a record by id,
 * records by a list of ids, by a claim, by a lookup (lookups.ts), and a scan when no
 * key fits (by the scan policy). The full `where` is then applied to what was read.
 */
import { DynamoAuthError } from "@dynamoauth/core"
import { batchGetItems, findOr, getItem, type Item, scanPages } from "@dynamoauth/core/internal"
import { CLAIM_REF, MODEL_ATTRIBUTE } from "../keys.js"
import { lookupFor } from "../lookups.js"
import { keyEqualities, keyIn, matches, type Where } from "../where.js"
import type { StoreContext } from "./context.js"
import { rememberRead } from "./direct-write.js"
import {
  type JoinSpec,
  memberIds,
  newPrefetched,
  type Prefetched,
  prefetchKeys,
  readKeys,
} from "./joins.js"
import { isLeaving } from "./owners.js"
import { currentRequest } from "./read-memo.js"

/** Reads that see a record being deleted (owners.ts): a delete again completes it; others treat it as gone. */
const SEES_LEAVING = new Set(["delete", "deleteMany"])

/** The items of `model` matching `where`, raw (with keys). */
export async function find(
  ctx: StoreContext,
  model: string,
  where: Where[],
  operation: string,
  joins?: JoinSpec[],
  pre?: Prefetched,
): Promise<Item[]> {
  // A value past DynamoDB's key limits: no item can have it, so nothing is found (no request).
  const read = await findOr([], () => candidates(ctx, model, where, operation, joins, pre))
  const leaving = SEES_LEAVING.has(operation)
  return read.filter(
    (item) =>
      item[MODEL_ATTRIBUTE] === model && (leaving || !isLeaving(item)) && matches(item, where),
  )
}

/** Every item of `model` (raw, with keys) that the key part of `where` can address. */
async function candidates(
  ctx: StoreContext,
  model: string,
  where: Where[],
  operation: string,
  joins: JoinSpec[] = [],
  pre: Prefetched = newPrefetched(),
): Promise<Item[]> {
  const { claims, partition } = ctx.info(model)
  const equal = keyEqualities(where)
  /** The record with this id, and with it whatever joined records its known fields name. */
  const byId = async (id: string, owner?: unknown) => {
    const known = { id, ...(partition && owner !== undefined ? { [partition]: owner } : {}) }
    const base = ctx.recordKey(model, id)
    const extra = await prefetchKeys(ctx, joins, known, pre)
    // Inside a request, the owner (a session's user) is read in the same request: Better Auth
    // reads it next, and the read memo answers that read (read-memo.ts).
    const ownerModel = ctx.owners.get(model)
    if (ownerModel && owner !== undefined && owner !== null && currentRequest()) {
      extra.push(ctx.recordKey(ownerModel, owner))
    }
    if (!extra.length) {
      const item = await getItem(ctx.table, base)
      rememberRead(ctx, model, base, item)
      return item ? [item] : []
    }
    const read = await readKeys(ctx, [base, ...extra])
    for (const [key, item] of read) pre.items.set(key, item)
    const item = read.get(ctx.keyId(base))
    rememberRead(ctx, model, base, item)
    return item ? [item] : []
  }
  if (equal.has("id")) return byId(String(equal.get("id")))
  const ids = keyIn(where, "id")
  if (ids) {
    return batchGetItems(
      ctx.table,
      [...new Set(ids.map(String))].map((id) => ctx.recordKey(model, id)),
    )
  }
  for (const fields of claims) {
    if (!fields.every((f) => equal.has(f))) continue
    const values = fields.map((f) => equal.get(f))
    const key = ctx.modelKeys.claim(model, fields, values)
    const cached = ctx.claimCache.get(ctx.keyId(key))
    if (cached) {
      // A claim's record is checked, never trusted: it must still hold the values.
      const items = await byId(cached.ref, cached.owner)
      if (items[0] && fields.every((f, i) => items[0]![f] === values[i])) return items
      ctx.claimCache.delete(ctx.keyId(key))
    }
    const claim = await getItem(ctx.table, key)
    if (!claim) return []
    const entry = {
      ref: String(claim[CLAIM_REF]),
      owner: partition ? claim[partition] : undefined,
    }
    ctx.claimCache.set(ctx.keyId(key), entry)
    return byId(entry.ref, entry.owner)
  }
  const lookup = lookupFor(ctx.info(model), equal)
  if (lookup) return byLookup(ctx, model, lookup.fields, lookup.values)
  return scan(ctx, model, where, operation)
}

/** The members of a lookup, read strongly consistently, then their records in its order (by id). */
async function byLookup(ctx: StoreContext, model: string, fields: string[], values: unknown[]) {
  const ids = await memberIds(ctx, model, fields, values)
  if (!ids.length) return []
  const records = await batchGetItems(
    ctx.table,
    ids.map((id) => ctx.recordKey(model, id)),
  )
  const byId = new Map(records.map((i) => [String(i.id), i]))
  return ids.flatMap((id): Item[] => {
    const item = byId.get(id)
    return item ? [item] : []
  })
}

/** Every record of `model`, by a consistent scan, as the scan policy allows. */
async function scan(ctx: StoreContext, model: string, where: Where[], operation: string) {
  const shape = `${operation} ${model} (${where.map((c) => `${c.field} ${c.operator}`).join(", ") || "no where"})`
  if (ctx.scan === "refuse") {
    throw new DynamoAuthError({
      code: "SCAN_REFUSED",
      operation: `${operation} ${model}`,
      message: `no key lookup answers ${shape}; it would scan the table (option scan: "refuse")`,
    })
  }
  if (ctx.scan === "warn" && !ctx.warned.has(shape)) {
    ctx.warned.add(shape)
    ctx.warn(`[dynamoauth] ${shape}: no key lookup fits, scanning the table (docs: layout.md)`)
  }
  const items: Item[] = []
  const filter = {
    expression: "#m = :m",
    names: { "#m": MODEL_ATTRIBUTE },
    values: { ":m": model },
  }
  for await (const page of scanPages(ctx.table, { filter, consistent: true }))
    items.push(...page.items)
  return items
}
