import { cancellationReasons, isConditionFailure } from "../error-mapping.js"
import { DynamoAuthError } from "../errors.js"
import { ITEM_TYPE } from "../keys.js"
import { findOr } from "../limits.js"
import { getItem, type Item, type TransactItem, transactWrite, updateItem } from "../table/index.js"
import { claimOwner, claimRelease, transactWithClaim } from "./claims.js"
import {
  ABSENT,
  type AdapterContext,
  EXISTS,
  setExpression,
  toAuthObject,
  toData,
} from "./context.js"
import { deleteUserItems } from "./delete-user.js"
import { queryIndex } from "./lookups.js"
import type { AdapterUser } from "./types.js"

export function userMethods(ctx: AdapterContext) {
  const { keys, table } = ctx

  const emailClaim = (userId: string, email: string, operation: string) => ({
    key: keys.emailClaim(email),
    type: ITEM_TYPE.emailClaim,
    userId,
    guarded: keys.user,
    holds: (user: Item) => user.email === email,
    code: "DUPLICATE_EMAIL" as const,
    operation,
  })

  /** The index attributes of a user: only users with an email are indexed. */
  const indexOf = (email: unknown): Item => (typeof email === "string" ? keys.userIndex(email) : {})

  const fail = (code: "NOT_FOUND" | "CONFLICT", message: string, cause?: unknown) =>
    new DynamoAuthError({ code, operation: "updateUser", message, cause })

  return {
    async createUser(data: Omit<AdapterUser, "id"> & { id?: string }): Promise<AdapterUser> {
      const user = { ...data, id: crypto.randomUUID() }
      const put: TransactItem = {
        put: {
          ...toData(ctx, user),
          ...keys.user(user.id),
          type: ITEM_TYPE.user,
          ...indexOf(user.email),
        },
        condition: ABSENT,
      }
      if (typeof user.email === "string") {
        await transactWithClaim(ctx, emailClaim(user.id, user.email, "createUser"), [put])
      } else await transactWrite(table, [put])
      return user
    },

    getUser: (id: string) =>
      findOr(null, async () => toAuthObject<AdapterUser>(ctx, await getItem(table, keys.user(id)))),

    getUserByEmail: (email: string) =>
      findOr(null, async () => {
        // Both keys first: a value past the key limits sends no request.
        const [index, claim] = [keys.userIndex(email), keys.emailClaim(email)]
        const hit = await queryIndex(
          ctx,
          index,
          (item) => item.type === ITEM_TYPE.user && item.email === email,
        )
        if (hit) return toAuthObject<AdapterUser>(ctx, hit)
        // The index lags writes; the claim is read strongly consistently.
        const owner = await claimOwner(ctx, claim)
        const user = owner === undefined ? undefined : await getItem(table, keys.user(owner))
        return user?.email === email ? toAuthObject<AdapterUser>(ctx, user) : null
      }),

    async updateUser(update: Partial<AdapterUser> & Pick<AdapterUser, "id">): Promise<AdapterUser> {
      const { id, ...fields } = update
      const data = toData(ctx, fields)
      delete data.type
      const key = keys.user(id)
      const email = data.email
      const current = email === undefined ? undefined : await getItem(table, key)
      if (email !== undefined && !current) throw fail("NOT_FOUND", "no user with this id")

      if (!current || current.email === email) {
        const set = setExpression(data)
        try {
          // Conditional: updating a user that does not exist creates nothing.
          const user = set ? await updateItem(table, key, set, EXISTS) : await getItem(table, key)
          if (user) return toAuthObject<AdapterUser>(ctx, user)!
        } catch (error) {
          if (!isConditionFailure(error)) throw error
        }
        throw fail("NOT_FOUND", "no user with this id")
      }

      // The email changes: update the user and its index entry, and move the claim, atomically.
      const oldEmail = current.email
      const set = setExpression({ ...data, ...indexOf(email) })!
      if (typeof email !== "string") set.expression += " REMOVE #gpk, #gsk"
      const items: TransactItem[] = [
        {
          update: key,
          set,
          // Unless the email changed since we read it.
          condition: {
            expression: "attribute_exists(#pk) AND (attribute_not_exists(#email) OR #email = :old)",
            values: { ":old": oldEmail ?? null },
          },
        },
      ]
      if (typeof oldEmail === "string") items.push(claimRelease(keys.emailClaim(oldEmail), id))
      try {
        if (typeof email === "string") {
          await transactWithClaim(ctx, emailClaim(id, email, "updateUser"), items)
        } else await transactWrite(table, items)
      } catch (error) {
        if (!cancellationReasons(error)?.includes("ConditionalCheckFailed")) throw error
        throw fail("CONFLICT", "changed concurrently; nothing was written", error)
      }
      const merged: Item = { ...current, ...data }
      if (typeof email !== "string") {
        delete merged[keys.indexPartitionKey]
        delete merged[keys.indexSortKey]
      }
      return toAuthObject<AdapterUser>(ctx, merged)!
    },

    deleteUser: (userId: string) => findOr(null, () => deleteUserItems(ctx, userId)),
  }
}
