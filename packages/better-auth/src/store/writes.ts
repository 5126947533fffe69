/**
 * Conditional writes of one record together with its claims and member item:
 * create, write (set and increment) and remove. A write whose condition fails
 * reports it, so the caller re-reads and tries again.
 */
import { DynamoAuthError } from "@dynamoauth/core"
import {
  cancellationReasons,
  type Item,
  isConditionFailure,
  type PlainKey,
  type TransactItem,
} from "@dynamoauth/core/internal"
import { compileWhere, matches, type Where } from "../where.js"
import { ABSENT, claimRewrite, EXISTS, type NewClaim, release, transactClaiming } from "./claims.js"
import type { StoreContext } from "./context.js"
import { recordUpdate } from "./update-expression.js"

/** Puts a new record with its claims and member item; DUPLICATE_VALUE when taken. */
export async function createRecord(
  ctx: StoreContext,
  model: string,
  record: Record<string, unknown>,
): Promise<Item> {
  if (record.id === undefined || record.id === null) {
    throw new DynamoAuthError({
      code: "INVALID_INPUT",
      operation: `create ${model}`,
      message: "a record needs an id (leave Better Auth's id generation on)",
    })
  }
  const item = ctx.layout.recordItem(ctx.info(model), record)
  const claims: NewClaim[] = []
  const members: TransactItem[] = []
  for (const s of ctx.satellites(model, record).values()) {
    if (s.claim) claims.push({ ...s.claim, item: s.item })
    else members.push({ put: s.item })
  }
  const outcome = await transactClaiming(
    ctx,
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
  const owner = ctx.partitionOf(model, record)
  for (const c of claims) {
    ctx.claimCache.set(ctx.keyId(c.item as PlainKey), { ref: String(record.id), owner })
  }
  return item
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
  set: Record<string, unknown>,
  increment: Record<string, number> = {},
): Promise<Record<string, unknown> | undefined> {
  const changes: Item = {}
  for (const [field, value] of Object.entries(set)) {
    if (value !== undefined && field !== "id" && !ctx.layout.internal.has(field)) {
      changes[field] = value
    }
  }
  const next = { ...ctx.toRecord(snapshot), ...changes }
  const before = ctx.derived(model, snapshot)
  for (const [name, value] of Object.entries(ctx.derived(model, next))) {
    if (value !== before[name]) changes[name] = value
  }
  const { update, guard } = recordUpdate(snapshot, where, changes, increment)
  if (!update) return matches(snapshot, where) ? ctx.toRecord(snapshot) : undefined
  const key = ctx.recordKey(model, snapshot.id)
  const { others, claims } = moveSatellites(ctx, model, snapshot, next)
  if (!others.length && !claims.length) {
    try {
      return ctx.toRecord(await ctx.table.update(key, update, guard))
    } catch (error) {
      if (isConditionFailure(error)) return undefined
      throw error
    }
  }
  const outcome = await transactClaiming(
    ctx,
    model,
    [{ update: key, set: update, condition: guard }, ...others],
    claims,
    1,
  )
  if (outcome === "guard") return undefined
  const item = await ctx.table.get(key)
  return item ? ctx.toRecord(item) : undefined
}

/**
 * Claims and members follow the record: released, put, or rewritten when
 * what they hold changed (a new expiry, a new owner).
 */
function moveSatellites(
  ctx: StoreContext,
  model: string,
  snapshot: Item,
  next: Record<string, unknown>,
) {
  const before = ctx.satellites(model, snapshot)
  const after = ctx.satellites(model, next)
  const others: TransactItem[] = []
  const claims: NewClaim[] = []
  for (const [id, old] of before) {
    if (!after.has(id)) others.push(release(old, snapshot.id))
  }
  for (const [id, now] of after) {
    const old = before.get(id)
    if (!old && now.claim) claims.push({ ...now.claim, item: now.item })
    else if (!old) others.push({ put: now.item })
    else if (JSON.stringify(old.item) !== JSON.stringify(now.item)) {
      others.push(now.claim ? claimRewrite(now.item, snapshot.id) : { put: now.item })
    }
  }
  return { others, claims }
}

/** Deletes the record read as `snapshot` (and its claims and member) if it still matches `where`. */
export async function removeRecord(
  ctx: StoreContext,
  model: string,
  snapshot: Item,
  where: Where[],
): Promise<boolean> {
  const key = ctx.recordKey(model, snapshot.id)
  const condition = compileWhere(where, snapshot)
  const guard = {
    expression: [EXISTS, condition.expression].filter(Boolean).join(" AND "),
    names: condition.names,
    values: condition.values,
  }
  const releases = [...ctx.satellites(model, snapshot).values()].map((s) => release(s, snapshot.id))
  try {
    if (!releases.length) await ctx.table.delete(key, guard)
    else await ctx.table.transact([{ delete: key, condition: guard }, ...releases])
    return true
  } catch (error) {
    if (isConditionFailure(error) || cancellationReasons(error)?.[0] === "ConditionalCheckFailed") {
      return false
    }
    throw error
  }
}
