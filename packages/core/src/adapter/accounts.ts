import { transactReleasing } from "../claims.js"
import { ITEM_TYPE } from "../keys.js"
import { findOr } from "../limits.js"
import { batchGetItems, deleteItem, getItem } from "../table/index.js"
import { claimOwner, claimRelease, transactWithClaim } from "./claims.js"
import { type AdapterContext, LIVE_USER, toAuthObject, toData } from "./context.js"
import { findOwner } from "./lookups.js"
import type { AccountId, AdapterAccount, AdapterUser, NewAdapterAccount } from "./types.js"

export function accountMethods(ctx: AdapterContext) {
  const { keys, table } = ctx

  /** The owner of an account; none for values past the key limits (every method here builds on it). */
  const owner = ({ provider, providerAccountId }: AccountId) =>
    findOr(undefined, () =>
      findOwner(
        ctx,
        keys.accountIndex(provider, providerAccountId),
        keys.accountClaim(provider, providerAccountId),
        (item) =>
          item.provider === provider && String(item.providerAccountId) === providerAccountId,
      ),
    )

  return {
    async linkAccount(account: NewAdapterAccount): Promise<AdapterAccount> {
      const { userId, provider, providerAccountId } = account
      const item = {
        ...toData(ctx, account),
        id: crypto.randomUUID(),
        ...keys.account(userId, provider, providerAccountId),
        ...keys.accountIndex(provider, providerAccountId),
      }
      await transactWithClaim(
        ctx,
        {
          key: keys.accountClaim(provider, providerAccountId),
          type: ITEM_TYPE.accountClaim,
          userId,
          guarded: (owner) => keys.account(owner, provider, providerAccountId),
          code: "ACCOUNT_ALREADY_LINKED",
          operation: "linkAccount",
        },
        // Only for a user that exists: no account or passkey is left to a deleted user.
        [{ put: item }, { check: keys.user(userId), condition: LIVE_USER }],
      )
      // Returned as given; next-auth 4 may pass a provider type outside AdapterAccountType.
      return account as AdapterAccount
    },

    async getUserByAccount(id: AccountId): Promise<AdapterUser | null> {
      const found = await owner(id)
      let userId = found?.userId
      if (found?.indexed) {
        const user = await getItem(table, keys.user(found.userId))
        if (user) return toAuthObject<AdapterUser>(ctx, user)
        // An account its deleted user left behind: the claim names the current owner, if any.
        userId = await claimOwner(ctx, keys.accountClaim(id.provider, id.providerAccountId))
        if (userId === found.userId) return null
      }
      if (userId === undefined) return null
      // Found by claim: check the account is still there in the same request.
      const items = await batchGetItems(table, [
        keys.user(userId),
        keys.account(userId, id.provider, id.providerAccountId),
      ])
      const user = items.find((item) => item.type === ITEM_TYPE.user)
      return items.length === 2 ? toAuthObject<AdapterUser>(ctx, user) : null
    },

    async getAccount(providerAccountId: string, provider: string): Promise<AdapterAccount | null> {
      const found = await owner({ provider, providerAccountId })
      if (!found) return null
      const item =
        found.indexed ??
        (await getItem(table, keys.account(found.userId, provider, providerAccountId)))
      return toAuthObject<AdapterAccount>(ctx, item)
    },

    async unlinkAccount(id: AccountId): Promise<AdapterAccount | undefined> {
      const found = await owner(id)
      if (!found) return undefined
      const key = keys.account(found.userId, id.provider, id.providerAccountId)
      const claim = claimRelease(keys.accountClaim(id.provider, id.providerAccountId), found.userId)
      if (found.indexed) {
        // The index already gave us the account: one atomic request removes it and its claim.
        await transactReleasing(table, [{ delete: key }, claim])
        return toAuthObject<AdapterAccount>(ctx, found.indexed)!
      }
      const old = await deleteItem(table, key)
      await transactReleasing(table, [claim])
      return toAuthObject<AdapterAccount>(ctx, old) ?? undefined
    },
  }
}
