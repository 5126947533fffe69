/**
 * Claims: small items, keyed by the unique value they guard (an email, a
 * provider account, a passkey credential), written in the same transaction as
 * the guarded item. They give the uniqueness SQL adapters get from unique
 * constraints, and a strongly consistent way to find the owner.
 */

import { cancellationReasons } from "../error-mapping.js"
import { DynamoAuthError, type DynamoAuthErrorCode } from "../errors.js"
import type { PlainKey } from "../keys.js"
import type { Item, TransactItem } from "../table-client.js"
import type { AdapterContext } from "./context.js"

const MAX_TAKEOVERS = 3

export interface ClaimSpec {
  key: PlainKey
  type: string
  userId: string
  /** Whether the current owner still has the guarded item (else the claim is stale). */
  ownerStillHolds(ownerId: string): Promise<boolean>
  conflict: { code: DynamoAuthErrorCode; operation: string; message: string }
}

/** The claim item to put; the owner may re-claim what it holds already. */
function claimPut(ctx: AdapterContext, spec: ClaimSpec, staleOwner?: string): TransactItem {
  const names = { "#pk": ctx.keys.partitionKey, "#owner": "userId" }
  const values: Record<string, unknown> = { ":me": spec.userId }
  let expression = "attribute_not_exists(#pk) OR #owner = :me"
  if (staleOwner !== undefined) {
    values[":stale"] = staleOwner
    expression += " OR #owner = :stale"
  }
  return {
    put: { ...spec.key, type: spec.type, userId: spec.userId },
    condition: { expression, names, values },
  }
}

/** Releases a claim only if `userId` still owns it (or it is already gone). */
export function claimRelease(ctx: AdapterContext, key: PlainKey, userId: string): TransactItem {
  return {
    delete: key,
    condition: {
      expression: "attribute_not_exists(#pk) OR #owner = :me",
      names: { "#pk": ctx.keys.partitionKey, "#owner": "userId" },
      values: { ":me": userId },
    },
  }
}

/**
 * Writes `items` and the claim atomically. When the claim is held by someone
 * else, it is taken over only if stale; otherwise the typed conflict is thrown.
 */
export async function transactWithClaim(
  ctx: AdapterContext,
  spec: ClaimSpec,
  items: TransactItem[],
): Promise<void> {
  let staleOwner: string | undefined
  for (let attempt = 0; ; attempt++) {
    try {
      await ctx.table.transact([claimPut(ctx, spec, staleOwner), ...items])
      return
    } catch (error) {
      if (
        cancellationReasons(error)?.[0] !== "ConditionalCheckFailed" ||
        attempt >= MAX_TAKEOVERS
      ) {
        throw error
      }
      const claim = await ctx.table.get(spec.key)
      const owner = claim?.userId as string | undefined
      if (owner !== undefined && (await spec.ownerStillHolds(owner))) {
        throw new DynamoAuthError({
          ...spec.conflict,
          awsErrorName: "TransactionCanceledException",
          cause: error,
        })
      }
      staleOwner = owner
    }
  }
}

/** The owner recorded in a claim, read strongly consistently. */
export async function claimOwner(ctx: AdapterContext, key: PlainKey): Promise<string | undefined> {
  const claim: Item | undefined = await ctx.table.get(key)
  return claim?.userId as string | undefined
}

/**
 * A claim owned by someone else (possible only on tables shared with the
 * official adapter) is left alone: drop that release and try again.
 */
export async function transactReleasingClaims(ctx: AdapterContext, items: TransactItem[]) {
  let pending = items
  for (;;) {
    try {
      await ctx.table.transact(pending)
      return
    } catch (error) {
      const reasons = cancellationReasons(error)
      const failed = new Set(
        (reasons ?? []).flatMap((reason, i) => (reason === "ConditionalCheckFailed" ? [i] : [])),
      )
      if (failed.size === 0 || [...failed].some((i) => !pending[i]?.condition)) throw error
      pending = pending.filter((_, i) => !failed.has(i))
      if (pending.length === 0) return
    }
  }
}
