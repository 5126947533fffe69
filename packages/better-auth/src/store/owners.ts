/**
 * Records that belong to another by their partition field (a session, an
 * account or a passkey to its user: schema.ts `ownersOf`) are deleted with it,
 * as a SQL foreign key's ON DELETE CASCADE deletes them (Better Auth's schema
 * declares it), and none is written after.
 *
 * Deleting an owner (Better Auth's delete-user, at once or in a transaction):
 *
 * 1. marks it leaving (`_leaving`, one UpdateItem). From then on reads treat
 *    it as gone (lookup.ts), updates of it fail, and a write of a record that
 *    would belong to it is refused by a ConditionCheck in that write's own
 *    transaction (`ownerCheck`: the owner is absent, or not leaving);
 * 2. reads what belongs to it: nothing can be added after the mark, so this
 *    one strongly consistent read finds everything;
 * 3. deletes that and puts a tombstone in the owner's place (its key,
 *    `_leaving` and a TTL a day on), in one transaction when it fits (else
 *    what belongs to it first, in steps, the owner last). The tombstone keeps
 *    refusing a write prepared before the delete and sent after it (a sign-in
 *    that read the user before delete-user answered); an owner that was never
 *    in the table refuses nothing.
 *
 * A delete that fails part-way leaves an owner that is gone to reads and
 * gets nothing new; deleting it again completes it, and so does the next
 * write that needs one of its claims (claims.ts).
 */
import { DynamoAuthError } from "@dynamoauth/core"
import {
  type Item,
  MAX_TRANSACT_ITEMS,
  type PlainKey,
  type TransactItem,
  TTL_ATTRIBUTE,
  transactReleasing,
} from "@dynamoauth/core/internal"
import { LEAVING_ATTRIBUTE } from "../keys.js"
import { equals, type Where } from "../where.js"
import type { StoreContext } from "./context.js"
import { find } from "./lookup.js"
import { LEAVING_NAMES, NOT_LEAVING } from "./update-expression.js"
import { conditionalUpdate, removal, removeRecord } from "./writes.js"

/** How long a tombstone refuses writes: far longer than any request between its read and its write. */
const TOMBSTONE_SECONDS = 24 * 60 * 60

export const isLeaving = (item: Item | undefined): boolean =>
  item?.[LEAVING_ATTRIBUTE] !== undefined

/** Other records belong to records of `model`. */
export const isOwner = (ctx: StoreContext, model: string): boolean =>
  [...ctx.owners.values()].includes(model)

/** The key of the record `record` of `model` belongs to, if any. */
export function ownerKey(
  ctx: StoreContext,
  model: string,
  record: Record<string, unknown>,
): PlainKey | undefined {
  const ownerModel = ctx.owners.get(model)
  const value = ctx.partitionOf(model, record)
  if (!ownerModel || value === undefined || value === null) return undefined
  return ctx.recordKey(ownerModel, value)
}

/** The check a write of a record belonging to the record at `key` carries. */
export const ownerCheck = (key: PlainKey): TransactItem => ({
  check: key,
  condition: { expression: `attribute_not_exists(#pk) OR ${NOT_LEAVING}`, names: LEAVING_NAMES },
})

export const ownerGone = (model: string) =>
  new DynamoAuthError({
    code: "NOT_FOUND",
    operation: `create ${model}`,
    message: `the record this ${model} belongs to is being deleted; nothing was written`,
    awsErrorName: "TransactionCanceledException",
  })

/**
 * Step 1: marks the owner read as `snapshot` leaving, if it still matches
 * `where` (a mark already there is kept). The owner as marked; undefined
 * when it is gone or no longer matches.
 */
export async function markLeaving(
  ctx: StoreContext,
  model: string,
  snapshot: Item,
  where: Where[],
): Promise<Item | undefined> {
  const { key, guard } = removal(ctx, model, snapshot, where)
  const update = {
    expression: "SET #lv = if_not_exists(#lv, :lv)",
    names: LEAVING_NAMES,
    values: { ":lv": Date.now() },
  }
  return conditionalUpdate(ctx, key, update, guard)
}

/** Step 2: what belongs to the owner `owner` of `model` (read after its mark). */
export async function ownedBy(
  ctx: StoreContext,
  model: string,
  owner: Item,
): Promise<{ model: string; item: Item }[]> {
  const out: { model: string; item: Item }[] = []
  for (const [child, ownerModel] of ctx.owners) {
    const field = ctx.info(child).partition
    if (ownerModel !== model || field === undefined) continue
    for (const item of await find(ctx, child, [equals(field, owner.id)], "delete")) {
      out.push({ model: child, item })
    }
  }
  return out
}

/** Step 3's write for the owner: its claims and member released, a tombstone in its place. */
export function tombstone(ctx: StoreContext, model: string, marked: Item): TransactItem[] {
  const { key, releases } = removal(ctx, model, marked, [])
  const item: Item = {
    ...key,
    [LEAVING_ATTRIBUTE]: marked[LEAVING_ATTRIBUTE] ?? Date.now(),
    [TTL_ATTRIBUTE]: Math.ceil(Date.now() / 1000) + TOMBSTONE_SECONDS,
  }
  return [{ put: item }, ...releases]
}

/** The delete of an owned record (already gone counts as deleted) with its releases. */
const ownedRemoval = (ctx: StoreContext, model: string, item: Item): TransactItem[] => {
  const { key, releases } = removal(ctx, model, item, [])
  return [{ delete: key }, ...releases]
}

/**
 * Deletes the owner read as `snapshot` (if it still matches `where`) and
 * everything that belongs to it, in the three steps above. False when it was
 * gone or no longer matched.
 */
export async function removeOwner(
  ctx: StoreContext,
  model: string,
  snapshot: Item,
  where: Where[],
): Promise<boolean> {
  const marked = await markLeaving(ctx, model, snapshot, where)
  if (!marked) return false
  const last = tombstone(ctx, model, marked)
  for (const { model: child, item } of await ownedBy(ctx, model, marked)) {
    const writes = ownedRemoval(ctx, child, item)
    // An owner itself, or more than one transaction takes: deleted first, on its own.
    if (isOwner(ctx, child)) await removeOwner(ctx, child, item, [])
    else if (last.length + writes.length > MAX_TRANSACT_ITEMS)
      await removeRecord(ctx, child, item, [])
    else last.push(...writes)
  }
  // A release of a claim another record took meanwhile is dropped: not this delete's to release.
  await transactReleasing(ctx.table, last)
  return true
}
