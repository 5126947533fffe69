/**
 * The Auth.js layout's claims (docs/architecture.md): an email, a provider
 * account or a passkey credential, owned by a `userId`. The protocol (take,
 * release, stale takeover) is core's one claims module (../claims.ts); this
 * file says what makes an Auth.js claim live and which error a conflict is.
 */

import { type Claim, claimRelease as release, transactClaims } from "../claims.js"
import { cancellationReasons } from "../error-mapping.js"
import { DynamoAuthError, type DynamoAuthErrorCode } from "../errors.js"
import type { PlainKey } from "../keys.js"
import { getItem, type Item, type TransactItem } from "../table/index.js"
import type { AdapterContext } from "./context.js"

const CONFLICT_MESSAGES = {
  DUPLICATE_EMAIL: "another user has this email",
  ACCOUNT_ALREADY_LINKED: "another user has this provider account",
  DUPLICATE_CREDENTIAL: "another user has this passkey credential",
}

/** The attribute naming a claim's owner. */
const OWNER = "userId"

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

/** Releases a claim only if `userId` still owns it (or it is already gone). */
export const claimRelease = (key: PlainKey, userId: string): TransactItem =>
  release(key, OWNER, userId)

/**
 * Writes `items` and the claim atomically. When the claim is held by someone
 * else, it is taken over only if stale (and an item its deleted owner left
 * behind is removed in the same transaction); otherwise the typed conflict is
 * thrown.
 */
export function transactWithClaim(
  ctx: AdapterContext,
  spec: ClaimSpec,
  items: TransactItem[],
): Promise<void> {
  const { keys, table } = ctx
  const claim: Claim = {
    item: { ...spec.key, type: spec.type, userId: spec.userId },
    owner: OWNER,
    // The owner may re-claim what it holds already.
    self: spec.userId,
    async takeOver(owner, cause) {
      const [user, guarded] =
        owner === undefined
          ? []
          : await Promise.all([
              getItem(table, keys.user(owner)),
              getItem(table, spec.guarded(owner)),
            ])
      if (user && guarded && (spec.holds?.(guarded) ?? true)) {
        throw refused(spec.code, spec.operation, CONFLICT_MESSAGES[spec.code], cause)
      }
      // Stale: the owner's user is gone (whatever else of it is left), or it no longer has the item.
      return guarded && !user && owner !== spec.userId ? [{ delete: spec.guarded(owner!) }] : []
    },
  }
  return transactForUser(ctx, items, spec.operation, [claim])
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
 * One transaction (with claims, if given) whose `check` items say that a user exists (accounts,
 * passkeys, sessions are only written for one): a failed check is NOT_FOUND.
 */
export async function transactForUser(
  ctx: AdapterContext,
  items: TransactItem[],
  operation: string,
  claims: Claim[] = [],
): Promise<void> {
  try {
    await transactClaims(ctx.table, items, claims)
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
  return claim?.[OWNER] as string | undefined
}
