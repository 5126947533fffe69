import { describe, expect, it } from "vitest"
import type { SuiteEnv } from "./env.js"
import { errorOf, expectNoStorageAttributes, inDays, newSession, newUser } from "./fixtures.js"
import { TEST_TIMEOUT_MS } from "./timeouts.js"

export function sessionsContract(env: SuiteEnv) {
  describe("sessions", () => {
    it(
      "createSession and getSessionAndUser, also from another instance",
      async () => {
        const a = env.adapter()
        const user = await a.createUser(newUser())
        const session = newSession(user.id)
        expect(await a.createSession(session)).toEqual(session)
        for (const instance of [a, env.adapter()]) {
          const found = await instance.getSessionAndUser(session.sessionToken)
          expect(found).toEqual({ session, user })
          expect(found?.session.expires).toBeInstanceOf(Date)
          expect(found?.session.expires.getTime()).toBe(session.expires.getTime())
          expectNoStorageAttributes(found?.session, env.layout())
          expectNoStorageAttributes(found?.user, env.layout())
        }
        expect(await a.getSessionAndUser(`missing-${crypto.randomUUID()}`)).toBeNull()
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "createSession for a user that is gone is refused and leaves nothing behind",
      async () => {
        // Found by the chaos run: a sign-in that looked the user up just before another server's
        // deleteUser wrote its session after the delete, and the session outlived its user.
        const a = env.adapter()
        const { options, raw } = env.layout()
        const user = await a.createUser(newUser())
        await env.adapter().deleteUser(user.id)
        const session = newSession(user.id)
        const error = await errorOf(() => a.createSession(session))
        expect(error.code).toBe("NOT_FOUND")
        expect(error.operation).toBe("createSession")
        expect(
          await raw.query({ expression: "#pk = :p", values: { ":p": `USER#${user.id}` } }),
        ).toHaveLength(0)
        const pointer = `SESSION#${session.sessionToken}`
        expect(
          await raw.get({ [options.partitionKey]: pointer, [options.sortKey]: pointer }),
        ).toBeUndefined()
        expect(await a.getSessionAndUser(session.sessionToken)).toBeNull()
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "stores expires as epoch seconds for TTL",
      async () => {
        const a = env.adapter()
        const { options, raw } = env.layout()
        const user = await a.createUser(newUser())
        const session = newSession(user.id)
        await a.createSession(session)
        const item = await raw.get({
          [options.partitionKey]: `USER#${user.id}`,
          [options.sortKey]: `SESSION#${session.sessionToken}`,
        })
        expect(item?.expires).toBe(session.expires.getTime() / 1000)
        expect(item?.type).toBe("SESSION")
        expect(item?.[options.indexPartitionKey]).toBe(`SESSION#${session.sessionToken}`)
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "updateSession extends a session; on a deleted one it returns null and writes nothing",
      async () => {
        const a = env.adapter()
        const { options, raw } = env.layout()
        const user = await a.createUser(newUser())
        const session = newSession(user.id)
        await a.createSession(session)
        const expires = inDays(60)
        const updated = await a.updateSession({ sessionToken: session.sessionToken, expires })
        expect(updated).toEqual({ ...session, expires })
        expectNoStorageAttributes(updated, env.layout())
        expect(
          (await env.adapter().getSessionAndUser(session.sessionToken))?.session.expires,
        ).toEqual(expires)

        const deleted = await a.deleteSession(session.sessionToken)
        expect(deleted).toEqual({ ...session, expires })
        expect(await a.getSessionAndUser(session.sessionToken)).toBeNull()
        expect(
          await a.updateSession({ sessionToken: session.sessionToken, expires: inDays(90) }),
        ).toBeNull()
        const item = await raw.get({
          [options.partitionKey]: `USER#${user.id}`,
          [options.sortKey]: `SESSION#${session.sessionToken}`,
        })
        expect(item).toBeUndefined()
        expect(await a.deleteSession(session.sessionToken)).toBeNull()
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "a session deleted by another instance is gone for an instance that cached it",
      async () => {
        const a = env.adapter()
        const b = env.adapter()
        const user = await a.createUser(newUser())
        const session = newSession(user.id)
        await a.createSession(session)
        expect(await b.getSessionAndUser(session.sessionToken)).not.toBeNull()
        await a.deleteSession(session.sessionToken)
        expect(await b.getSessionAndUser(session.sessionToken)).toBeNull()
        expect(
          await b.updateSession({ sessionToken: session.sessionToken, expires: inDays(2) }),
        ).toBeNull()
      },
      TEST_TIMEOUT_MS,
    )
  })
}
