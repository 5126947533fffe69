/**
 * deleteUser removes the user and everything in its partition (sessions,
 * accounts, passkeys, however many: all pages), with their claims and
 * pointers. Transactions of up to 100 items keep each item together with its
 * claim; the user item goes last, so an interrupted delete leaves a user that
 * still works and can be deleted again.
 */

import { transactReleasing } from "../claims.js"
import { cancellationReasons } from "../error-mapping.js"
import { afterPrefix, ITEM_TYPE } from "../keys.js"
import { MAX_RETRY_ROUNDS, MAX_TRANSACT_ITEMS } from "../limits.js"
import { type Item, queryAll, type TransactItem } from "../table/index.js"
import { claimRelease } from "./claims.js"
import { type AdapterContext, toAuthObject } from "./context.js"
import type { AdapterUser } from "./types.js"

export async function deleteUserItems(
  ctx: AdapterContext,
  userId: string,
): Promise<AdapterUser | null> {
  const { keys, table } = ctx
  let deleted: Item | undefined
  // The second pass removes what was written while the first ran: an account or passkey whose
  // transaction checked the user just before it went. After the user is gone none can be added.
  // A pass whose read of the user went stale (its email changed meanwhile) is read again.
  for (let pass = 0, stale = 0; pass < 2; pass++) {
    const items = await queryAll(table, {
      condition: { expression: "#pk = :p", values: { ":p": keys.userPartition(userId) } },
    })
    if (!items.length) break
    const user = items.find((item) => item.type === ITEM_TYPE.user)
    deleted ??= user

    const groups: TransactItem[][] = []
    for (const item of items) {
      if (item !== user) groups.push(deletesFor(ctx, item, userId))
    }
    const userDeletes = user && deletesFor(ctx, user, userId)
    if (userDeletes) groups.push(userDeletes)

    // Pack whole groups into transactions, never splitting an item from its claim.
    try {
      let batch: TransactItem[] = []
      for (const group of groups) {
        if (batch.length + group.length > MAX_TRANSACT_ITEMS) {
          await transactReleasing(table, batch)
          batch = []
        }
        batch.push(...group)
      }
      if (batch.length) await transactReleasing(table, batch, userDeletes?.[0])
    } catch (error) {
      const staleRead = cancellationReasons(error)?.includes("ConditionalCheckFailed")
      if (!userDeletes || !staleRead || stale++ >= MAX_RETRY_ROUNDS) throw error
      pass--
    }
  }
  return toAuthObject<AdapterUser>(ctx, deleted)
}

function deletesFor(ctx: AdapterContext, item: Item, userId: string): TransactItem[] {
  const { keys } = ctx
  const deletes: TransactItem[] = [{ delete: keys.keyOf(item) }]
  if (item.type === ITEM_TYPE.user) {
    // Deleted only while it still has the email read here, so the claim released with it is the
    // user's current one (updateUser moves the claim when the email changes).
    deletes[0] = {
      delete: keys.keyOf(item),
      condition:
        typeof item.email === "string"
          ? { expression: "#email = :email", values: { ":email": item.email } }
          : { expression: "attribute_not_exists(#email)" },
    }
    if (typeof item.email === "string") {
      deletes.push(claimRelease(keys.emailClaim(item.email), userId))
    }
  } else if (item.type === ITEM_TYPE.session && typeof item.sessionToken === "string") {
    ctx.sessionOwners.delete(item.sessionToken)
    deletes.push({ delete: keys.sessionPointer(item.sessionToken) })
  } else if (item.type === ITEM_TYPE.authenticator && typeof item.credentialID === "string") {
    deletes.push(claimRelease(keys.credentialClaim(item.credentialID), userId))
  } else if (
    typeof item.provider === "string" &&
    // An account (its `type` is data, not a marker); the table's sort key is a string attribute.
    afterPrefix(item[keys.sortKey] as string, "ACCOUNT#") !== undefined
  ) {
    deletes.push(
      claimRelease(keys.accountClaim(item.provider, String(item.providerAccountId)), userId),
    )
  }
  return deletes
}
