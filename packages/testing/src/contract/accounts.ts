import { describe, expect, it } from "vitest"
import type { SuiteEnv } from "./env.js"
import { errorOf, expectNoStorageAttributes, newAccount, newUser } from "./fixtures.js"
import { TEST_TIMEOUT_MS } from "./timeouts.js"

export function accountsContract(env: SuiteEnv) {
  describe("accounts", () => {
    it(
      "linkAccount, getUserByAccount and getAccount",
      async () => {
        const a = env.adapter()
        const user = await a.createUser(newUser())
        const account = newAccount(user.id)
        expect(await a.linkAccount(account)).toEqual(account)
        const found = await a.getUserByAccount(account)
        expect(found).toEqual(user)
        expectNoStorageAttributes(found, env.layout())
        const stored = await a.getAccount(account.providerAccountId, account.provider)
        expect(stored).toMatchObject(account)
        expect(stored?.type).toBe("oauth")
        expect(Object.keys(stored ?? {})).not.toContain(env.layout().options.partitionKey)
        expect(await a.getAccount(account.provider, account.providerAccountId)).toBeNull()
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "unlinkAccount removes the link and frees the provider account",
      async () => {
        const a = env.adapter()
        const user = await a.createUser(newUser())
        const account = newAccount(user.id)
        await a.linkAccount(account)
        const removed = await a.unlinkAccount(account)
        expect(removed).toMatchObject(account)
        expect(await a.getUserByAccount(account)).toBeNull()
        expect(await a.getAccount(account.providerAccountId, account.provider)).toBeNull()
        expect(await a.unlinkAccount(account)).toBeUndefined()
        const other = await a.createUser(newUser())
        await a.linkAccount({ ...account, userId: other.id })
        expect(await a.getUserByAccount(account)).toEqual(other)
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "provider accounts whose parts contain # or % never share a claim",
      async () => {
        const a = env.adapter()
        const first = await a.createUser(newUser())
        const second = await a.createUser(newUser())
        const suffix = crypto.randomUUID()
        // Joined with "#", both would read "ACCOUNT#github#gh#<suffix>".
        const one = newAccount(first.id, { provider: "github", providerAccountId: `gh#${suffix}` })
        const other = newAccount(second.id, { provider: "github#gh", providerAccountId: suffix })
        const percent = newAccount(second.id, {
          provider: "github",
          providerAccountId: `gh%23${suffix}`,
        })
        await a.linkAccount(one)
        await a.linkAccount(other)
        await a.linkAccount(percent)
        for (const b of [a, env.adapter()]) {
          expect(await b.getUserByAccount(one)).toEqual(first)
          expect(await b.getUserByAccount(other)).toEqual(second)
          expect(await b.getUserByAccount(percent)).toEqual(second)
        }
        expect((await errorOf(() => a.linkAccount({ ...one, userId: second.id }))).code).toBe(
          "ACCOUNT_ALREADY_LINKED",
        )
        expect(await a.unlinkAccount(other)).toMatchObject({ userId: second.id })
        expect(await a.getUserByAccount(one)).toEqual(first)
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "linking an account already linked to another user fails",
      async () => {
        const a = env.adapter()
        const first = await a.createUser(newUser())
        const second = await a.createUser(newUser())
        const account = newAccount(first.id)
        await a.linkAccount(account)
        const error = await errorOf(() => a.linkAccount({ ...account, userId: second.id }))
        expect(error.code).toBe("ACCOUNT_ALREADY_LINKED")
        expect(error.operation).toBe("linkAccount")
        expect(error.message).not.toContain(account.access_token as string)
        expect(await a.getUserByAccount(account)).toEqual(first)
      },
      TEST_TIMEOUT_MS,
    )
  })
}
