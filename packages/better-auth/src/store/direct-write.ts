/**
 * `incrementOne` straight to the record, without reading it first, when this
 * instance's last read of the record says the `where` holds: one conditional
 * UpdateItem instead of a GetItem and an UpdateItem. Better Auth's database
 * rate limiter reads a row, then increments it under a condition, from its
 * `onRequest` hook, which runs outside any request context, so the read memo
 * (read-memo.ts) cannot join its calls; this is what makes an allowed request
 * 2 requests instead of 3.
 *
 * Why this keeps every guarantee: what is remembered only chooses the path,
 * it never answers. The UpdateItem's condition is the whole `where`, and that
 * the record still has, as remembered, everything its claims, members and TTL
 * are made of; and it is tried only when no claim or member has to move. So
 * when it succeeds it wrote what the read-first path writes on a fresh read.
 * When the condition fails nothing was written, and the read-first path runs.
 */
import { findOr, type Item, type PlainKey, TTL_ATTRIBUTE } from "@dynamoauth/core/internal"
import { equals, keyEqualities, matches, type Where } from "../where.js"
import type { StoreContext } from "./context.js"
import { recordUpdate } from "./update-expression.js"
import { conditionalUpdate, moveSatellites, nextRecord } from "./writes.js"

type Fields = Record<string, unknown>

/** What its claims, members and TTL are made of: the record must still hold these as remembered. */
const satelliteFields = (ctx: StoreContext, model: string) => {
  const { claims, lookups, partition } = ctx.info(model)
  return [...new Set([...claims.flat(), ...lookups.flat(), ...(partition ? [partition] : [])])]
}

/**
 * Remembers a record of a model with number fields as this instance just read
 * it (only what the next increment's prediction needs: its key fields, TTL and
 * numbers, never other values), or forgets it when it was not found.
 */
export function rememberRead(ctx: StoreContext, model: string, key: PlainKey, item?: Item) {
  const counters = ctx.counters.get(model)
  if (!counters) return
  const id = ctx.keyId(key)
  if (!item) {
    ctx.hints.delete(id)
    return
  }
  const { expires } = ctx.info(model)
  const fields = ["id", TTL_ATTRIBUTE, ...satelliteFields(ctx, model), ...counters]
  if (expires) fields.push(expires)
  const hint: Item = {}
  for (const field of fields) if (item[field] !== undefined) hint[field] = item[field]
  ctx.hints.set(id, hint)
}

/** The record's key, when the `where` names its id or a claim this instance knows. */
function recordKeyOf(ctx: StoreContext, model: string, where: Where[]): PlainKey | undefined {
  const equal = keyEqualities(where)
  if (equal.has("id")) return ctx.recordKey(model, equal.get("id"))
  for (const fields of ctx.info(model).claims) {
    if (!fields.every((f) => equal.has(f))) continue
    const claim = ctx.modelKeys.claim(
      model,
      fields,
      fields.map((f) => equal.get(f)),
    )
    const cached = ctx.claimCache.get(ctx.keyId(claim))
    return cached && ctx.recordKey(model, cached.ref)
  }
  return undefined
}

/**
 * `set` and `increment` written to the record the `where` names, in one
 * conditional UpdateItem, when what this instance last read of it predicts
 * the `where` holds. The new record; undefined when not tried or the
 * condition failed (nothing written: the caller reads and writes as usual).
 */
export async function directIncrement(
  ctx: StoreContext,
  model: string,
  where: Where[],
  set: Fields,
  increment: Record<string, number> = {},
): Promise<Fields | undefined> {
  // A value past the key limits: no such record, which the read-first path answers.
  const key = await findOr(undefined, async () => recordKeyOf(ctx, model, where))
  if (!key) return undefined
  const id = ctx.keyId(key)
  const hint = ctx.hints.get(id)
  if (!hint || !matches(hint, where)) return undefined
  // A TTL the options would now derive differently, or satellites that must move: read first.
  if (ctx.derived(model, hint)[TTL_ATTRIBUTE] !== hint[TTL_ATTRIBUTE]) return undefined
  const { next, changes } = nextRecord(ctx, model, hint, set, increment)
  const moved = moveSatellites(ctx, model, hint, next)
  if (moved.items.length || moved.claims.length) return undefined
  const pins = [...satelliteFields(ctx, model), TTL_ATTRIBUTE].map((f) =>
    equals(f, hint[f] ?? null),
  )
  const { update, guard } = recordUpdate(hint, [...where, ...pins], changes, increment)
  if (!update) return undefined
  ctx.hints.delete(id)
  const item = await conditionalUpdate(ctx, key, update, guard)
  if (!item) return undefined
  rememberRead(ctx, model, key, item)
  return ctx.toRecord(item)
}
