/**
 * Records that belong to another by their partition field (a session or an
 * account to its user: schema.ts `ownersOf`) are deleted with it, as a SQL
 * foreign key's ON DELETE CASCADE deletes them (Better Auth's schema declares
 * it).
 *
 * The flow that deletes an owner (Better Auth's delete-user) reads and
 * deletes what belongs to it, then the owner (one step after another in
 * Better Auth 1.7, or in one transaction); a session written in between (a
 * sign-in on another server) would outlive its user (found by the chaos run).
 * So, once the owner is gone, what belongs to it is read again and deleted.
 * Left open: a write that lands after this second pass (a sign-in that read
 * the user before the delete and writes its session after it): a check of
 * the owner in every such write would close it (as the Auth.js adapter's
 * createSession checks for a live user).
 */
import type { Item } from "@dynamoauth/core/internal"
import { equals } from "../where.js"
import type { StoreContext } from "./context.js"
import { find } from "./lookup.js"
import { removeRecord } from "./writes.js"

/** Deletes every record that belongs to the deleted record `owner` of `model`, and theirs. */
export async function removeOwned(ctx: StoreContext, model: string, owner: Item): Promise<void> {
  for (const [child, ownerModel] of ctx.owners) {
    const field = ctx.info(child).partition
    if (ownerModel !== model || field === undefined) continue
    for (const item of await find(ctx, child, [equals(field, owner.id)], "delete")) {
      if (await removeRecord(ctx, child, item, [])) await removeOwned(ctx, child, item)
    }
  }
}
