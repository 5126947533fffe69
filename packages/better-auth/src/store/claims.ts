/**
 * Claims of the Better Auth layout: one item per unique value (docs/layout.md),
 * written in the same transaction as the record and owned by the record's id
 * (`_ref`). The protocol (take, release, stale takeover) is core's one claims
 * module; this file says when a claim is stale (its record no longer holds the
 * value, or is being deleted: owners.ts) and that a live one is a duplicate.
 */
import { DynamoAuthError } from "@dynamoauth/core"
import {
  type Claim,
  cancellationReasons,
  claimRelease,
  getItem,
  type Item,
  claimRewrite as rewrite,
  type TransactItem,
  transactClaims,
} from "@dynamoauth/core/internal"
import { CLAIM_REF, MODEL_ATTRIBUTE } from "../keys.js"
import type { Satellite, StoreContext } from "./context.js"
import { isLeaving, removeOwner } from "./owners.js"

export const EXISTS = "attribute_exists(#pk)"
export const ABSENT = "attribute_not_exists(#pk)"

/** A claim to put: its model, fields and values, and the item. */
export interface NewClaim {
  model: string
  fields: string[]
  values: unknown[]
  item: Item
}

/** A claim still held by record `id`, rewritten (or put back, if it went missing). */
export const claimRewrite = (item: Item, id: unknown): TransactItem =>
  rewrite(item, CLAIM_REF, String(id))

/** Releases a claim (if still held by `id`) or deletes a member item. */
export const release = (s: Satellite, id: unknown): TransactItem =>
  s.claim ? claimRelease(s.key, CLAIM_REF, String(id)) : { delete: s.key }

export function duplicate(model: string, fields: string[], cause: unknown) {
  return new DynamoAuthError({
    code: "DUPLICATE_VALUE",
    operation: `create ${model}`,
    // "duplicate key": Better Auth recognises a unique-constraint error by its message (device codes retry on it).
    message: `duplicate key: another ${model} already has this ${fields.join(" + ")}`,
    awsErrorName: "TransactionCanceledException",
    cause,
  })
}

/** The claim on `c`'s values: stale when the record it names no longer has them. */
const claimOf = (ctx: StoreContext, { model, fields, values, item }: NewClaim): Claim => ({
  item,
  owner: CLAIM_REF,
  async takeOver(ref, cause) {
    const owner =
      ref === undefined ? undefined : await getItem(ctx.table, ctx.recordKey(model, ref))
    if (owner?.[MODEL_ATTRIBUTE] === model && isLeaving(owner)) {
      // Left by a delete that failed part-way: completing it releases the claim.
      await removeOwner(ctx, model, owner, [])
      return []
    }
    const held =
      owner?.[MODEL_ATTRIBUTE] === model && fields.every((f, i) => owner[f] === values[i])
    if (held) throw duplicate(model, fields, cause)
    return []
  },
})

/**
 * `items` and the claim puts in one transaction. A claim held by a record
 * that no longer has the value (stale) is taken over; a claim really held is
 * DUPLICATE_VALUE. Returns the indexes of `items` whose condition failed
 * (none: written).
 */
export async function transactClaiming(
  ctx: StoreContext,
  items: TransactItem[],
  claims: NewClaim[],
): Promise<number[]> {
  try {
    await transactClaims(
      ctx.table,
      items,
      claims.map((c) => claimOf(ctx, c)),
    )
    return []
  } catch (error) {
    const reasons = cancellationReasons(error)
    const failed = items.flatMap((_, i) => (reasons?.[i] === "ConditionalCheckFailed" ? [i] : []))
    if (failed.length) return failed
    throw error
  }
}
