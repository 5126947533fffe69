import type { Adapter, AdapterSession, AdapterUser } from "./adapter/types.js"

/**
 * The database session named by `sessionToken` and its user, or `null` when there is no token,
 * no such session, or the session has expired — for code that checks a session outside Auth.js
 * (a Next.js proxy or middleware, a route handler, a Worker).
 *
 * Why it exists: `getSessionAndUser` returns the stored session whatever its `expires`, as every
 * Auth.js adapter does, because Auth.js checks the expiry itself (and deletes the session).
 * DynamoDB's TTL removes an expired item only eventually, often days later, so code that calls
 * the adapter directly must check the expiry too, or a session that ended still opens the door.
 * This does both in one read and writes nothing: Auth.js (or TTL) cleans up.
 *
 * @param now the current time; `Date.now()` unless given (a test's clock, say).
 */
export async function getActiveSession(
  adapter: Pick<Adapter, "getSessionAndUser">,
  sessionToken: string | null | undefined,
  now: Date | number = Date.now(),
): Promise<{ session: AdapterSession; user: AdapterUser } | null> {
  if (!sessionToken) return null
  const found = await adapter.getSessionAndUser(sessionToken)
  // Expired once `expires` is in the past, the comparison Auth.js itself makes.
  if (!found || found.session.expires.getTime() < Number(now)) return null
  return found
}
