/**
 * Claims: small items, keyed by the unique value they guard (an email, a
 * provider account, a passkey credential), written in the same transaction as
 * the guarded item. They give the uniqueness SQL adapters get from unique
 * constraints, and a strongly consistent way to find the owner.
 */

import { cancellationReasons } from "../error-mapping.js"
import { DynamoAuthError, type DynamoAuthErrorCode } from "../errors.js"
import type { PlainKey } from "../keys.js"
import { getItem, type Item, type TransactItem, transactWrite } from "../table/index.js"
import type { AdapterContext } from "./context.js"

const MAX_TAKEOVERS = 3

const CONFLICT_MESSAGES = {
  DUPLICATE_EMAIL: "another user has this email",
  ACCOUNT_ALREADY_LINKED: "another user has this provider account",
  DUPLICATE_CREDENTIAL: "another user has this passkey credential",
}

export interface ClaimSpec {
  key: PlainKey
  type: string
  userId: string
  /**
   * The guarded item of an owner. The claim is live while its owner's user
   * item exists and so does this item (passing `holds`); otherwise it is
   * stale and is taken over.
   */
  guarded(ownerId: string): PlainKey
  holds?(item: Item): boolean
  code: keyof typeof CONFLICT_MESSAGES
  operation: string
}

/** The claim item to put; the owner may re-claim what it holds already. */
function claimPut(spec: ClaimSpec, staleOwner?: string): TransactItem {
  const { condition } = claimRelease(spec.key, spec.userId)
  if (staleOwner !== undefined) {
    condition!.values![":stale"] = staleOwner
    condition!.expression += " OR #userId = :stale"
  }
  return { put: { ...spec.key, type: spec.type, userId: spec.userId }, condition }
}

/** Releases a claim only if `userId` still owns it (or it is already gone). */
export function claimRelease(key: PlainKey, userId: string): TransactItem {
  return {
    delete: key,
    condition: {
      expression: "attribute_not_exists(#pk) OR #userId = :me",
      values: { ":me": userId },
    },
  }
}

/**
 * Writes `items` and the claim atomically. When the claim is held by someone
 * else, it is taken over only if stale (and an item its deleted owner left
 * behind is removed in the same transaction); otherwise the typed conflict is
 * thrown.
 */
export async function transactWithClaim(
  ctx: AdapterContext,
  spec: ClaimSpec,
  items: TransactItem[],
): Promise<void> {
  const { keys, table } = ctx
  let takeover = [claimPut(spec)]
  for (let attempt = 0; ; attempt++) {
    try {
      await transactForUser(ctx, [...takeover, ...items], spec.operation)
      return
    } catch (error) {
      const reasons = cancellationReasons(error)
      if (reasons?.[0] !== "ConditionalCheckFailed" || attempt >= MAX_TAKEOVERS) throw error
      const owner = await claimOwner(ctx, spec.key)
      const [user, guarded] =
        owner === undefined
          ? []
          : await Promise.all([
              getItem(table, keys.user(owner)),
              getItem(table, spec.guarded(owner)),
            ])
      if (user && guarded && (spec.holds?.(guarded) ?? true)) {
        throw refused(spec.code, spec.operation, CONFLICT_MESSAGES[spec.code], error)
      }
      // Stale: the owner's user is gone (whatever else of it is left), or it no longer has the item.
      takeover = [claimPut(spec, owner)]
      if (guarded && !user && owner !== spec.userId) takeover.push({ delete: spec.guarded(owner!) })
    }
  }
}

/** What a transaction that DynamoDB cancelled on a condition means for the caller. */
const refused = (code: DynamoAuthErrorCode, operation: string, message: string, cause: unknown) =>
  new DynamoAuthError({
    code,
    operation,
    message,
    awsErrorName: "TransactionCanceledException",
    cause,
  })

/**
 * One transaction whose `check` items say that a user exists (accounts, passkeys, sessions are
 * only written for one): a failed check is NOT_FOUND.
 */
export async function transactForUser(
  ctx: AdapterContext,
  items: TransactItem[],
  operation: string,
): Promise<void> {
  try {
    await transactWrite(ctx.table, items)
  } catch (error) {
    const reasons = cancellationReasons(error)
    if (!reasons?.some((reason, i) => reason === "ConditionalCheckFailed" && "check" in items[i]!))
      throw error
    throw refused("NOT_FOUND", operation, "no user with this id", error)
  }
}

/** The owner recorded in a claim, read strongly consistently. */
export async function claimOwner(ctx: AdapterContext, key: PlainKey): Promise<string | undefined> {
  const claim: Item | undefined = await getItem(ctx.table, key)
  return claim?.userId as string | undefined
}

/**
 * A claim owned by someone else (possible only on tables shared with the
 * official adapter) is left alone: drop that release and try again.
 */
export async function transactReleasingClaims(
  ctx: AdapterContext,
  items: TransactItem[],
  /** An item whose failed condition means the caller's read is stale: it throws instead of being dropped. */
  required?: TransactItem,
) {
  let pending = items
  for (;;) {
    try {
      await transactWrite(ctx.table, pending)
      return
    } catch (error) {
      const reasons = cancellationReasons(error)
      const failed = new Set(
        (reasons ?? []).flatMap((reason, i) => (reason === "ConditionalCheckFailed" ? [i] : [])),
      )
      if (failed.size === 0 || [...failed].some((i) => !pending[i]?.condition)) throw error
      if (required && [...failed].some((i) => pending[i] === required)) throw error
      pending = pending.filter((_, i) => !failed.has(i))
      if (pending.length === 0) return
    }
  }
}
