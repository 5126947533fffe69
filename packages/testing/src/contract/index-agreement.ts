/**
 * An index hit is believed only when the item carries the looked-up value.
 * Tables the official adapter wrote hold stale index keys: it leaves a user
 * indexed under an old email after an email change, and indexes users
 * without an email under `USER#undefined`.
 */
import { describe, expect, it } from "vitest"
import type { SuiteEnv } from "./env.js"
import { newAccount, newAuthenticator, newSession, newUser } from "./fixtures.js"
import { officialLayout } from "./official-layout.js"
import { TEST_TIMEOUT_MS } from "./timeouts.js"

export function indexAgreementContract(env: SuiteEnv) {
  describe("index hits must agree with the lookup", () => {
    it(
      "a user still indexed under an old email is not found by it",
      async () => {
        const a = env.adapter()
        const { raw } = env.layout()
        const official = officialLayout(env.layout())
        const oldEmail = `old-${crypto.randomUUID()}@example.com`
        // The official adapter's updateUser changed the email and left the index key.
        const moved = newUser({ email: `new-${crypto.randomUUID()}@example.com` })
        await raw.batchWrite({ puts: [official.user(moved, oldEmail)] })
        expect(await a.getUserByEmail(oldEmail)).toBeNull()
        expect(await env.adapter().getUserByEmail(oldEmail)).toBeNull()
        expect(await a.getUserByEmail(moved.email)).toBeNull()

        // Someone else now signs up with the old address: they, not the first user, are found.
        const owner = await a.createUser(newUser({ email: oldEmail }))
        expect(await a.getUserByEmail(oldEmail)).toEqual(owner)
        await a.deleteUser(moved.id)
      },
      TEST_TIMEOUT_MS,
    )

    it(
      'an email-less user indexed under "USER#undefined" is not found by "undefined"',
      async () => {
        const a = env.adapter()
        const { raw } = env.layout()
        const { email: _, ...emailless } = newUser()
        await raw.batchWrite({ puts: [officialLayout(env.layout()).user(emailless as never)] })
        expect(await a.getUser(emailless.id)).toMatchObject({ id: emailless.id })
        expect(await a.getUserByEmail("undefined")).toBeNull()
        await a.deleteUser(emailless.id)
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "account, session and passkey index entries that name other values are misses",
      async () => {
        const a = env.adapter()
        const { raw } = env.layout()
        const official = officialLayout(env.layout())
        const user = newUser()
        const account = newAccount(user.id)
        const session = newSession(user.id)
        const passkey = newAuthenticator(user.id)
        const wanted = {
          account: newAccount(user.id),
          sessionToken: `sess-${crypto.randomUUID()}`,
          credentialID: `cred-${crypto.randomUUID()}`,
        }
        const staleAccount = official.account(account)
        const { indexPartitionKey: gpk, indexSortKey: gsk } = env.layout().options
        staleAccount[gpk] = `ACCOUNT#${wanted.account.provider}`
        staleAccount[gsk] = `ACCOUNT#${wanted.account.providerAccountId}`
        await raw.batchWrite({
          puts: [
            official.user(user),
            staleAccount,
            official.session(session, wanted.sessionToken),
            official.authenticator(passkey, wanted.credentialID),
          ],
        })
        expect(await a.getUserByAccount(wanted.account)).toBeNull()
        expect(
          await a.getAccount(wanted.account.providerAccountId, wanted.account.provider),
        ).toBeNull()
        expect(await a.getSessionAndUser(wanted.sessionToken)).toBeNull()
        expect(await a.deleteSession(wanted.sessionToken)).toBeNull()
        expect(await a.getAuthenticator(wanted.credentialID)).toBeNull()
        expect(await a.getUser(user.id)).toMatchObject({ id: user.id })
        // Claim-less legacy items would read as partial state to later checks.
        await a.deleteUser(user.id)
      },
      TEST_TIMEOUT_MS,
    )
  })
}
