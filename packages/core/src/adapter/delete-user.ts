/**
 * deleteUser removes the user and everything in its partition (sessions,
 * accounts, passkeys, however many: all pages), with their claims and
 * pointers. It first marks the user as leaving: from then on no session,
 * account or passkey can be added for it (their transactions check for a live
 * user), so one read of the partition finds everything it owns. Transactions of
 * up to 100 items keep each item together with its claim; the user item goes
 * last, so a delete that fails part-way leaves a user that is still there (it
 * gets no new session) and is deleted by calling again.
 */

import { transactReleasing } from "../claims.js"
import { cancellationReasons, isConditionFailure } from "../error-mapping.js"
import { afterPrefix, ITEM_TYPE } from "../keys.js"
import { MAX_RETRY_ROUNDS, MAX_TRANSACT_ITEMS } from "../limits.js"
import { type Item, queryAll, type TransactItem, updateItem } from "../table/index.js"
import { claimRelease } from "./claims.js"
import { type AdapterContext, EXISTS, toAuthObject } from "./context.js"
import type { AdapterUser } from "./types.js"

const isUser = (item: Item) => item.type === ITEM_TYPE.user || item.type === ITEM_TYPE.userLeaving

export async function deleteUserItems(
  ctx: AdapterContext,
  userId: string,
): Promise<AdapterUser | null> {
  const { keys, table } = ctx
  try {
    await updateItem(
      table,
      keys.user(userId),
      { expression: "SET #type = :leaving", values: { ":leaving": ITEM_TYPE.userLeaving } },
      EXISTS,
    )
  } catch (error) {
    // No user: what an earlier, interrupted delete left in its partition is removed all the same.
    if (!isConditionFailure(error)) throw error
  }
  let deleted: Item | undefined
  // A read of the user that went stale (its email changed meanwhile) is read again.
  for (let stale = 0; ; ) {
    const items = await queryAll(table, {
      condition: { expression: "#pk = :p", values: { ":p": keys.userPartition(userId) } },
    })
    const user = items.find(isUser)
    deleted = user ?? deleted

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
      return toAuthObject<AdapterUser>(ctx, deleted)
    } catch (error) {
      const staleRead = cancellationReasons(error)?.includes("ConditionalCheckFailed")
      if (!userDeletes || !staleRead || stale++ >= MAX_RETRY_ROUNDS) throw error
    }
  }
}

function deletesFor(ctx: AdapterContext, item: Item, userId: string): TransactItem[] {
  const { keys } = ctx
  const deletes: TransactItem[] = [{ delete: keys.keyOf(item) }]
  if (isUser(item)) {
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
