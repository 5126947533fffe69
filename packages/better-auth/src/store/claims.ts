/**
 * Claims of the Better Auth layout: one item per unique value (docs/layout.md),
 * written in the same transaction as the record. A claim whose record no
 * longer holds the value is stale and is taken over; a live one is a duplicate.
 */
import { DynamoAuthError } from "@dynamoauth/core"
import { cancellationReasons, type Item, type TransactItem } from "@dynamoauth/core/internal"
import { CLAIM_REF, MODEL_ATTRIBUTE } from "../keys.js"
import type { Satellite, StoreContext } from "./context.js"

/** Stale-claim takeovers per write before giving up. */
const MAX_TAKEOVERS = 3

export const EXISTS = "attribute_exists(#pk)"
export const ABSENT = "attribute_not_exists(#pk)"

/** A claim to put: its model, fields and values, and the item. */
export interface NewClaim {
  model: string
  fields: string[]
  values: unknown[]
  item: Item
}

export const claimPut = (item: Item, staleRef?: string): TransactItem => ({
  put: item,
  condition:
    staleRef === undefined
      ? { expression: ABSENT }
      : { expression: `${ABSENT} OR #${CLAIM_REF} = :stale`, values: { ":stale": staleRef } },
})

/** A claim still held by record `id`, rewritten (or put back, if it went missing). */
export const claimRewrite = (item: Item, id: unknown): TransactItem => ({
  put: item,
  condition: { expression: `${ABSENT} OR #${CLAIM_REF} = :me`, values: { ":me": String(id) } },
})

/** Releases a claim (if still held by `id`) or deletes a member item. */
export const release = (s: Satellite, id: unknown): TransactItem =>
  s.claim
    ? {
        delete: s.key,
        condition: {
          expression: `${ABSENT} OR #${CLAIM_REF} = :me`,
          values: { ":me": String(id) },
        },
      }
    : { delete: s.key }

/** Is the claim on these values held by a record that still has them? */
async function claimHeld(ctx: StoreContext, model: string, fields: string[], values: unknown[]) {
  const claim = await ctx.table.get(ctx.modelKeys.claim(model, fields, values))
  if (!claim) return { held: false as const }
  const owner = await ctx.table.get(ctx.recordKey(model, claim[CLAIM_REF]))
  const held = owner?.[MODEL_ATTRIBUTE] === model && fields.every((f, i) => owner[f] === values[i])
  return { held, ref: String(claim[CLAIM_REF]) }
}

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
  const stale: (string | undefined)[] = claims.map(() => undefined)
  for (let attempt = 0; ; attempt++) {
    const puts = claims.map((c, i) => claimPut(c.item, stale[i]))
    try {
      await ctx.table.transact([...items, ...puts])
      return []
    } catch (error) {
      const reasons = cancellationReasons(error)
      if (!reasons) throw error
      const failed = items.flatMap((_, i) => (reasons[i] === "ConditionalCheckFailed" ? [i] : []))
      if (failed.length) return failed
      const lost = claims.findIndex(
        (_, i) => reasons[items.length + i] === "ConditionalCheckFailed",
      )
      if (lost < 0 || attempt >= MAX_TAKEOVERS) throw error
      const { model, fields, values } = claims[lost]!
      const { held, ref } = await claimHeld(ctx, model, fields, values)
      if (held) throw duplicate(model, fields, error)
      stale[lost] = ref
    }
  }
}
