import { describe, expect, it } from "vitest"
import type { SuiteEnv } from "./env.js"
import {
  errorOf,
  expectNoStorageAttributes,
  newAccount,
  newAuthenticator,
  newSession,
  newUser,
} from "./fixtures.js"
import { TEST_TIMEOUT_MS } from "./timeouts.js"

export function usersContract(env: SuiteEnv) {
  describe("users", () => {
    it(
      "createUser, getUser and getUserByEmail return what was stored",
      async () => {
        const a = env.adapter()
        const created = await a.createUser(newUser())
        expect(created.id).toMatch(/^[0-9a-f-]{36}$/)
        const byId = await a.getUser(created.id)
        expect(byId).toEqual(created)
        expect(byId?.emailVerified).toBeInstanceOf(Date)
        expectNoStorageAttributes(byId, env.layout())
        const byEmail = await a.getUserByEmail(created.email)
        expect(byEmail).toEqual(created)
        expectNoStorageAttributes(byEmail, env.layout())
        expect(await a.getUser(crypto.randomUUID())).toBeNull()
        expect(await a.getUserByEmail(`nobody-${crypto.randomUUID()}@example.com`)).toBeNull()
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "a user without an email gets no index entry and no placeholder claim",
      async () => {
        const a = env.adapter()
        const { options, raw } = env.layout()
        const user = await a.createUser(newUser({ email: undefined as unknown as string }))
        const item = await raw.get({
          [options.partitionKey]: `USER#${user.id}`,
          [options.sortKey]: `USER#${user.id}`,
        })
        expect(item).toBeDefined()
        expect(item?.[options.indexPartitionKey]).toBeUndefined()
        expect(
          await raw.get({
            [options.partitionKey]: "EMAIL#undefined",
            [options.sortKey]: "EMAIL#undefined",
          }),
        ).toBeUndefined()
        expect(await a.getUserByEmail("undefined")).toBeNull()
        expect(await a.getUser(user.id)).toEqual(user)
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "updateUser updates fields with any attribute name",
      async () => {
        const a = env.adapter()
        const user = await a.createUser(newUser())
        const odd = {
          "favorite-color": "teal",
          "a.b": 1,
          "with space": true,
          "ñandú-名前": "✓",
          name: "Ada King",
        }
        const updated = await a.updateUser({ id: user.id, ...odd } as never)
        expect(updated).toEqual({ ...user, ...odd })
        expectNoStorageAttributes(updated, env.layout())
        expect(await a.getUser(user.id)).toEqual({ ...user, ...odd })
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "updateUser re-indexes a changed email and moves its claim",
      async () => {
        const a = env.adapter()
        const { options, raw } = env.layout()
        const user = await a.createUser(newUser())
        const email = `new-${crypto.randomUUID()}@example.com`
        const updated = await a.updateUser({ id: user.id, email })
        expect(updated).toEqual({ ...user, email })
        expect(await a.getUserByEmail(user.email)).toBeNull()
        expect(await a.getUserByEmail(email)).toEqual({ ...user, email })
        const item = await raw.get({
          [options.partitionKey]: `USER#${user.id}`,
          [options.sortKey]: `USER#${user.id}`,
        })
        expect(item?.[options.indexPartitionKey]).toBe(`USER#${email}`)
        expect(item?.[options.indexSortKey]).toBe(`USER#${email}`)
        const claim = (e: string) =>
          raw.get({ [options.partitionKey]: `EMAIL#${e}`, [options.sortKey]: `EMAIL#${e}` })
        expect(await claim(user.email)).toBeUndefined()
        expect((await claim(email))?.userId).toBe(user.id)
        // The old email is free again.
        const other = await a.createUser(newUser({ email: user.email }))
        expect(await a.getUserByEmail(user.email)).toEqual(other)
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "updateUser to an email another user has fails and changes nothing",
      async () => {
        const a = env.adapter()
        const first = await a.createUser(newUser())
        const second = await a.createUser(newUser())
        const error = await errorOf(() => a.updateUser({ id: second.id, email: first.email }))
        expect(error.code).toBe("DUPLICATE_EMAIL")
        expect(await a.getUser(second.id)).toEqual(second)
        expect(await a.getUserByEmail(first.email)).toEqual(first)
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "updateUser of a user that does not exist creates nothing",
      async () => {
        const a = env.adapter()
        const { options, raw } = env.layout()
        const id = crypto.randomUUID()
        const error = await errorOf(() => a.updateUser({ id, name: "ghost" }))
        expect(error.code).toBe("NOT_FOUND")
        expect(error.message).toContain("updateUser")
        const withEmail = await errorOf(() =>
          a.updateUser({ id, email: `ghost-${id}@example.com` }),
        )
        expect(withEmail.code).toBe("NOT_FOUND")
        expect(
          await raw.get({ [options.partitionKey]: `USER#${id}`, [options.sortKey]: `USER#${id}` }),
        ).toBeUndefined()
        expect(await a.getUserByEmail(`ghost-${id}@example.com`)).toBeNull()
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "deleteUser follows pagination: more than one 1 MB query page",
      async () => {
        const a = env.adapter()
        const { raw } = env.layout()
        const user = await a.createUser(newUser())
        // 60 sessions of ~20 KB each: the user's partition spans two query pages.
        const padding = "p".repeat(20 * 1024)
        await Promise.all(
          Array.from({ length: 60 }, () =>
            a.createSession({ ...newSession(user.id), padding } as never),
          ),
        )
        expect(await a.deleteUser(user.id)).toEqual(user)
        expect(
          await raw.query({ expression: "#pk = :p", values: { ":p": `USER#${user.id}` } }),
        ).toHaveLength(0)
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "deleteUser removes the user and everything that belongs to it, however many",
      async () => {
        const a = env.adapter()
        const { options, raw } = env.layout()
        const user = await a.createUser(newUser())
        const sessions = await Promise.all(
          Array.from({ length: 60 }, () => a.createSession(newSession(user.id))),
        )
        const accounts = Array.from({ length: 3 }, (_, i) =>
          newAccount(user.id, { provider: `p${i}` }),
        )
        await Promise.all(accounts.map((account) => a.linkAccount(account)))
        const authenticators = await Promise.all(
          Array.from({ length: 2 }, () => a.createAuthenticator(newAuthenticator(user.id))),
        )
        const deleted = await a.deleteUser(user.id)
        expect(deleted).toEqual(user)
        expect(await a.getUser(user.id)).toBeNull()
        expect(await a.getUserByEmail(user.email)).toBeNull()
        const left = await raw.query({
          expression: "#pk = :p",
          values: { ":p": `USER#${user.id}` },
        })
        expect(left).toHaveLength(0)
        for (const s of sessions) {
          expect(await a.getSessionAndUser(s.sessionToken)).toBeNull()
          const pointer = `SESSION#${s.sessionToken}`
          expect(
            await raw.get({ [options.partitionKey]: pointer, [options.sortKey]: pointer }),
          ).toBeUndefined()
        }
        for (const account of accounts) {
          expect(await a.getUserByAccount(account)).toBeNull()
          const claim = `ACCOUNT#${account.provider}#${account.providerAccountId}`
          expect(
            await raw.get({ [options.partitionKey]: claim, [options.sortKey]: claim }),
          ).toBeUndefined()
        }
        for (const authenticator of authenticators) {
          expect(await a.getAuthenticator(authenticator.credentialID)).toBeNull()
        }
        const emailClaim = `EMAIL#${user.email}`
        expect(
          await raw.get({ [options.partitionKey]: emailClaim, [options.sortKey]: emailClaim }),
        ).toBeUndefined()
        expect(await a.deleteUser(user.id)).toBeNull()
      },
      TEST_TIMEOUT_MS,
    )
  })
}
