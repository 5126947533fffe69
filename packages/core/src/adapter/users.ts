import type { AdapterUser } from "@auth/core/adapters"
import { cancellationReasons, isConditionFailure } from "../error-mapping.js"
import { DynamoAuthError } from "../errors.js"
import { ITEM_TYPE } from "../keys.js"
import type { Item, TransactItem } from "../table-client.js"
import { claimOwner, claimRelease, transactWithClaim } from "./claims.js"
import {
  type AdapterContext,
  absent,
  exists,
  setExpression,
  toAuthObject,
  toData,
} from "./context.js"
import { deleteUserItems } from "./delete-user.js"
import { queryIndex } from "./lookups.js"

export function userMethods(ctx: AdapterContext) {
  const { keys, table } = ctx

  const emailClaim = (userId: string, email: string, operation = "createUser") => ({
    key: keys.emailClaim(email),
    type: ITEM_TYPE.emailClaim,
    userId,
    ownerStillHolds: async (owner: string) => (await table.get(keys.user(owner)))?.email === email,
    conflict: {
      code: "DUPLICATE_EMAIL" as const,
      operation,
      message: "another user already has this email",
    },
  })

  /** The index attributes of a user: only users with an email are indexed. */
  const indexOf = (email: unknown): Item => (typeof email === "string" ? keys.userIndex(email) : {})

  return {
    async createUser(data: AdapterUser): Promise<AdapterUser> {
      const user = { ...data, id: crypto.randomUUID() }
      const item = {
        ...toData(ctx, user),
        ...keys.user(user.id),
        type: ITEM_TYPE.user,
        ...indexOf(user.email),
      }
      const put: TransactItem = { put: item, condition: absent(ctx) }
      if (typeof user.email === "string")
        await transactWithClaim(ctx, emailClaim(user.id, user.email), [put])
      else await table.transact([put])
      return user
    },

    async getUser(id: string): Promise<AdapterUser | null> {
      return toAuthObject<AdapterUser>(ctx, await table.get(keys.user(id)))
    },

    async getUserByEmail(email: string): Promise<AdapterUser | null> {
      const hit = await queryIndex(ctx, keys.userIndex(email))
      if (hit) return toAuthObject<AdapterUser>(ctx, hit)
      // The index lags writes; the claim is read strongly consistently.
      const owner = await claimOwner(ctx, keys.emailClaim(email))
      if (owner === undefined) return null
      const user = await table.get(keys.user(owner))
      return user?.email === email ? toAuthObject<AdapterUser>(ctx, user) : null
    },

    async updateUser(update: Partial<AdapterUser> & Pick<AdapterUser, "id">): Promise<AdapterUser> {
      const { id, ...fields } = update
      const data = toData(ctx, fields)
      delete data.type
      const key = keys.user(id)
      const notFound = (cause?: unknown) =>
        new DynamoAuthError({
          code: "NOT_FOUND",
          operation: "updateUser",
          message: "no user with this id",
          cause,
        })

      if (!("email" in data) || data.email === undefined) {
        const set = setExpression(data)
        if (!set) {
          const user = await table.get(key)
          if (!user) throw notFound()
          return toAuthObject<AdapterUser>(ctx, user)!
        }
        try {
          return toAuthObject<AdapterUser>(ctx, await table.update(key, set, exists(ctx)))!
        } catch (error) {
          throw isConditionFailure(error) ? notFound(error) : error
        }
      }

      const current = await table.get(key)
      if (!current) throw notFound()
      const oldEmail = current.email
      const newEmail = data.email
      if (oldEmail === newEmail) {
        return toAuthObject<AdapterUser>(
          ctx,
          await table.update(key, setExpression(data)!, exists(ctx)),
        )!
      }
      // The email changes: update the user and its index entry, and move the claim, atomically.
      const set = setExpression({ ...data, ...indexOf(newEmail) })!
      const removeIndex = typeof newEmail === "string" ? "" : ` REMOVE #gpk, #gsk`
      const update_: TransactItem = {
        update: key,
        set: {
          expression: set.expression + removeIndex,
          names: {
            ...set.names,
            ...(removeIndex ? { "#gpk": keys.indexPartitionKey, "#gsk": keys.indexSortKey } : {}),
          },
          values: set.values,
        },
        condition:
          oldEmail === undefined
            ? {
                expression: "attribute_exists(#pk) AND attribute_not_exists(#em)",
                names: { "#pk": keys.partitionKey, "#em": "email" },
              }
            : { expression: "#em = :old", names: { "#em": "email" }, values: { ":old": oldEmail } },
      }
      const items: TransactItem[] = [update_]
      if (typeof oldEmail === "string") items.push(claimRelease(ctx, keys.emailClaim(oldEmail), id))
      try {
        if (typeof newEmail === "string") {
          await transactWithClaim(ctx, emailClaim(id, newEmail, "updateUser"), items)
        } else await table.transact(items)
      } catch (error) {
        // The user changed or vanished between the read and the write.
        if (cancellationReasons(error)?.includes("ConditionalCheckFailed")) {
          throw new DynamoAuthError({
            code: "CONFLICT",
            operation: "updateUser",
            message: "the user was changed or deleted concurrently; nothing was written",
            awsErrorName: "TransactionCanceledException",
            cause: error,
          })
        }
        throw error
      }
      const merged: Item = { ...current, ...data }
      if (typeof newEmail !== "string") {
        delete merged[keys.indexPartitionKey]
        delete merged[keys.indexSortKey]
      }
      return toAuthObject<AdapterUser>(ctx, merged)!
    },

    async deleteUser(userId: string): Promise<AdapterUser | null> {
      return deleteUserItems(ctx, userId)
    },
  }
}
