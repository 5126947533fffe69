/** Passkeys (WebAuthn), which the official adapter does not support. */

import { isConditionFailure } from "../error-mapping.js"
import { DynamoAuthError } from "../errors.js"
import { ITEM_TYPE } from "../keys.js"
import { findOr } from "../limits.js"
import { getItem, queryAll, updateItem } from "../table/index.js"
import { transactWithClaim } from "./claims.js"
import { type AdapterContext, EXISTS, LIVE_USER, toAuthObject, toData } from "./context.js"
import { findOwner } from "./lookups.js"
import type { AdapterAuthenticator } from "./types.js"

export function authenticatorMethods(ctx: AdapterContext) {
  const { keys, table } = ctx

  /** The owner of a passkey; none for an ID past the key limits. */
  const owner = (credentialID: string) =>
    findOr(undefined, () =>
      findOwner(
        ctx,
        keys.authenticatorIndex(credentialID),
        keys.credentialClaim(credentialID),
        (item) => item.credentialID === credentialID,
      ),
    )

  return {
    async createAuthenticator(authenticator: AdapterAuthenticator): Promise<AdapterAuthenticator> {
      const { userId, credentialID } = authenticator
      const item = {
        ...toData(ctx, authenticator),
        ...keys.authenticator(userId, credentialID),
        ...keys.authenticatorIndex(credentialID),
        type: ITEM_TYPE.authenticator,
      }
      await transactWithClaim(
        ctx,
        {
          key: keys.credentialClaim(credentialID),
          type: ITEM_TYPE.credentialClaim,
          userId,
          guarded: (owner) => keys.authenticator(owner, credentialID),
          code: "DUPLICATE_CREDENTIAL",
          operation: "createAuthenticator",
        },
        // Only for a user that exists: no account or passkey is left to a deleted user.
        [{ put: item }, { check: keys.user(userId), condition: LIVE_USER }],
      )
      return authenticator
    },

    async getAuthenticator(credentialID: string): Promise<AdapterAuthenticator | null> {
      const found = await owner(credentialID)
      if (!found) return null
      const item =
        found.indexed ?? (await getItem(table, keys.authenticator(found.userId, credentialID)))
      return toAuthObject<AdapterAuthenticator>(ctx, item)
    },

    listAuthenticatorsByUserId: (userId: string) =>
      findOr([], async () => {
        const items = await queryAll(table, {
          condition: {
            expression: "#pk = :p AND begins_with(#sk, :s)",
            values: { ":p": keys.userPartition(userId), ":s": keys.authenticatorPrefix },
          },
        })
        return items.map((item) => toAuthObject<AdapterAuthenticator>(ctx, item)!)
      }),

    async updateAuthenticatorCounter(
      credentialID: string,
      counter: number,
    ): Promise<AdapterAuthenticator> {
      const notFound = (cause?: unknown) =>
        new DynamoAuthError({
          code: "NOT_FOUND",
          operation: "updateAuthenticatorCounter",
          message: "no authenticator with this credential",
          cause,
        })
      const found = await owner(credentialID)
      if (!found) throw notFound()
      try {
        const updated = await updateItem(
          table,
          keys.authenticator(found.userId, credentialID),
          { expression: "SET #counter = :counter", values: { ":counter": counter } },
          EXISTS,
        )
        return toAuthObject<AdapterAuthenticator>(ctx, updated)!
      } catch (error) {
        throw isConditionFailure(error) ? notFound(error) : error
      }
    },
  }
}
