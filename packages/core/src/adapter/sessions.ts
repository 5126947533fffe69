/**
 * Sessions, on the hot path of every authenticated request. A session token's
 * owner never changes, so once an instance has seen a token it answers
 * getSessionAndUser with one strongly consistent BatchGetItem, and
 * updateSession / deleteSession with one request. Cold lookups read the index
 * (then the pointer, if the index lags) and cost what the official adapter's do.
 */

import { isConditionFailure } from "../error-mapping.js"
import { toEpochSeconds } from "../format.js"
import { ITEM_TYPE } from "../keys.js"
import { findOr } from "../limits.js"
import { batchGetItems, deleteItem, getItem, updateItem } from "../table/index.js"
import { transactForUser } from "./claims.js"
import {
  type AdapterContext,
  EXISTS,
  LIVE_USER,
  setExpression,
  toAuthObject,
  toData,
} from "./context.js"
import { findOwner } from "./lookups.js"
import type { AdapterSession, AdapterUser } from "./types.js"

/** A pointer only bridges index lag, so it need not outlive a day (TTL removes it). */
const POINTER_LIFETIME_MS = 24 * 60 * 60 * 1000

export function sessionMethods(ctx: AdapterContext) {
  const { keys, table, sessionOwners } = ctx

  /** The owner of a token; only tokens that exist are ever cached. */
  async function ownerOf(sessionToken: string): Promise<string | undefined> {
    const cached = sessionOwners.get(sessionToken)
    if (cached !== undefined) return cached
    // A token past the key limits has no session: every method built on this finds nothing.
    const found = await findOr(undefined, () =>
      findOwner(
        ctx,
        keys.sessionIndex(sessionToken),
        keys.sessionPointer(sessionToken),
        (item) => item.sessionToken === sessionToken,
      ),
    )
    return found?.userId
  }

  return {
    async createSession(session: AdapterSession): Promise<AdapterSession> {
      const { sessionToken, userId, expires } = session
      const item = {
        ...toData(ctx, session),
        ...keys.session(userId, sessionToken),
        ...keys.sessionIndex(sessionToken),
        type: ITEM_TYPE.session,
      }
      const pointerExpires = new Date(Math.min(expires.getTime(), Date.now() + POINTER_LIFETIME_MS))
      const pointer = {
        ...keys.sessionPointer(sessionToken),
        type: ITEM_TYPE.sessionPointer,
        userId,
        expires: toEpochSeconds(pointerExpires),
      }
      // Only for a user that exists, checked in the same transaction: a session written after its
      // user's deleteUser would outlive it (deleteUser's second pass sees only sessions whose
      // check came before the user went).
      await transactForUser(
        ctx,
        [{ put: item }, { put: pointer }, { check: keys.user(userId), condition: LIVE_USER }],
        "createSession",
      )
      sessionOwners.set(sessionToken, userId)
      return session
    },

    async getSessionAndUser(
      sessionToken: string,
    ): Promise<{ session: AdapterSession; user: AdapterUser } | null> {
      const userId = await ownerOf(sessionToken)
      if (userId === undefined) return null
      const items = await batchGetItems(table, [
        keys.session(userId, sessionToken),
        keys.user(userId),
      ])
      const session = items.find((item) => item.type === ITEM_TYPE.session)
      const user = items.find((item) => item.type === ITEM_TYPE.user)
      if (!session) {
        sessionOwners.delete(sessionToken)
        return null
      }
      if (!user) return null
      sessionOwners.set(sessionToken, userId)
      return {
        session: toAuthObject<AdapterSession>(ctx, session)!,
        user: toAuthObject<AdapterUser>(ctx, user)!,
      }
    },

    async updateSession(
      session: Partial<AdapterSession> & Pick<AdapterSession, "sessionToken">,
    ): Promise<AdapterSession | null> {
      const { sessionToken } = session
      const userId = await ownerOf(sessionToken)
      if (userId === undefined) return null
      const fields = toData(ctx, session)
      delete fields.type
      delete fields.userId
      delete fields.sessionToken
      const key = keys.session(userId, sessionToken)
      const set = setExpression(fields)
      try {
        // Conditional: a session deleted meanwhile is never resurrected.
        const updated = set ? await updateItem(table, key, set, EXISTS) : await getItem(table, key)
        return toAuthObject<AdapterSession>(ctx, updated)
      } catch (error) {
        if (!isConditionFailure(error)) throw error
        sessionOwners.delete(sessionToken)
        return null
      }
    },

    async deleteSession(sessionToken: string): Promise<AdapterSession | null> {
      const userId = await ownerOf(sessionToken)
      if (userId === undefined) return null
      sessionOwners.delete(sessionToken)
      // The pointer is left to expire: it only ever leads to this (now absent) session.
      const old = await deleteItem(table, keys.session(userId, sessionToken))
      return toAuthObject<AdapterSession>(ctx, old)
    },
  }
}
