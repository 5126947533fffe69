import { describe, expect, it } from "vitest"
import { getActiveSession } from "./active-session.js"
import type { AdapterSession, AdapterUser } from "./adapter/types.js"

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5)
const user: AdapterUser = { id: "u1", email: "a@example.test", emailVerified: null }

/** A table of one session, read through the one adapter method the helper uses. */
function adapterWith(session: AdapterSession) {
  const asked: string[] = []
  return {
    asked,
    async getSessionAndUser(token: string) {
      asked.push(token)
      return token === session.sessionToken ? { session, user } : null
    },
  }
}

const sessionExpiring = (expires: number): AdapterSession => ({
  sessionToken: "t1",
  userId: user.id,
  expires: new Date(expires),
})

describe("getActiveSession", () => {
  it("returns a session that has not expired, with its user", async () => {
    const adapter = adapterWith(sessionExpiring(NOW + 1_000))
    expect(await getActiveSession(adapter, "t1", NOW)).toStrictEqual({
      session: sessionExpiring(NOW + 1_000),
      user,
    })
  })

  it("treats an expired session that is still stored (TTL not yet run) as none", async () => {
    const adapter = adapterWith(sessionExpiring(NOW - 1))
    expect(await getActiveSession(adapter, "t1", NOW)).toBeNull()
    expect(await getActiveSession(adapter, "t1", new Date(NOW))).toBeNull()
    expect(adapter.asked).toEqual(["t1", "t1"])
  })

  it("a session is active up to and including the millisecond it expires, as in Auth.js", async () => {
    const adapter = adapterWith(sessionExpiring(NOW))
    expect(await getActiveSession(adapter, "t1", NOW)).not.toBeNull()
    expect(await getActiveSession(adapter, "t1", NOW + 1)).toBeNull()
  })

  it("uses the current time by default", async () => {
    expect(
      await getActiveSession(adapterWith(sessionExpiring(Date.now() + 60_000)), "t1"),
    ).not.toBeNull()
    expect(
      await getActiveSession(adapterWith(sessionExpiring(Date.now() - 60_000)), "t1"),
    ).toBeNull()
  })

  it("an unknown token is none; a missing token is none without a request", async () => {
    const adapter = adapterWith(sessionExpiring(NOW + 1_000))
    expect(await getActiveSession(adapter, "other", NOW)).toBeNull()
    expect(await getActiveSession(adapter, undefined, NOW)).toBeNull()
    expect(await getActiveSession(adapter, null, NOW)).toBeNull()
    expect(await getActiveSession(adapter, "", NOW)).toBeNull()
    expect(adapter.asked).toEqual(["other"])
  })
})
