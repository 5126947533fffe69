import { describe, expect, it } from "vitest"
import type { SuiteEnv } from "./env.js"
import { inDays, newAccount, newSession, newToken, newUser } from "./fixtures.js"
import { TEST_TIMEOUT_MS } from "./timeouts.js"

const RACERS = 20

async function settle<T>(calls: (() => Promise<T>)[]) {
  const results = await Promise.allSettled(calls.map((call) => call()))
  return {
    values: results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : [])),
    errors: results.flatMap((r) =>
      r.status === "rejected" ? [r.reason as { code?: string }] : [],
    ),
  }
}

export function integrityContract(env: SuiteEnv) {
  describe("integrity under concurrency", () => {
    it(
      `${RACERS} concurrent createUser with one email create exactly one user`,
      async () => {
        const { options, raw } = env.layout()
        const email = `race-${crypto.randomUUID()}@example.com`
        const { values, errors } = await settle(
          Array.from({ length: RACERS }, () => () => env.adapter().createUser(newUser({ email }))),
        )
        expect(values).toHaveLength(1)
        expect(errors.map((e) => e.code)).toEqual(Array(RACERS - 1).fill("DUPLICATE_EMAIL"))
        const indexed = await raw.query(
          { expression: "#gpk = :p", values: { ":p": `USER#${email}` } },
          options.indexName,
        )
        expect(indexed).toHaveLength(1)
        expect(indexed[0]?.id).toBe(values[0]?.id)
      },
      TEST_TIMEOUT_MS,
    )

    it(
      `${RACERS} concurrent linkAccount of one provider account link it once`,
      async () => {
        const a = env.adapter()
        const { options, raw } = env.layout()
        const users = await Promise.all(
          Array.from({ length: RACERS }, () => a.createUser(newUser())),
        )
        const account = newAccount(users[0]!.id)
        const { values, errors } = await settle(
          users.map((user) => () => env.adapter().linkAccount({ ...account, userId: user.id })),
        )
        expect(values).toHaveLength(1)
        expect(errors.map((e) => e.code)).toEqual(Array(RACERS - 1).fill("ACCOUNT_ALREADY_LINKED"))
        const linked = await raw.query(
          {
            expression: "#gpk = :p AND #gsk = :s",
            values: {
              ":p": `ACCOUNT#${account.provider}`,
              ":s": `ACCOUNT#${account.providerAccountId}`,
            },
          },
          options.indexName,
        )
        expect(linked).toHaveLength(1)
        expect(linked[0]?.userId).toBe(values[0]?.userId)
      },
      TEST_TIMEOUT_MS,
    )

    it(
      `${RACERS} concurrent useVerificationToken return the token exactly once`,
      async () => {
        const a = env.adapter()
        const token = newToken()
        await a.createVerificationToken(token)
        const { values, errors } = await settle(
          Array.from({ length: RACERS }, () => () => env.adapter().useVerificationToken(token)),
        )
        expect(errors).toHaveLength(0)
        expect(values.filter((v) => v !== null)).toEqual([token])
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "a stale claim (its user deleted by another adapter) does not block the email",
      async () => {
        const a = env.adapter()
        const { options, raw } = env.layout()
        const user = await a.createUser(newUser())
        // What the official adapter's deleteUser does: delete the user's partition, not the claim.
        await raw.delete({
          [options.partitionKey]: `USER#${user.id}`,
          [options.sortKey]: `USER#${user.id}`,
        })
        const again = await a.createUser(newUser({ email: user.email }))
        expect(await a.getUserByEmail(user.email)).toEqual(again)
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "items written without claims (official adapter, older versions) stay reachable",
      async () => {
        const a = env.adapter()
        const { options, raw } = env.layout()
        const { partitionKey: pk, sortKey: sk, indexPartitionKey: gpk, indexSortKey: gsk } = options
        const user = newUser()
        const account = newAccount(user.id)
        const session = newSession(user.id)
        await raw.batchWrite({
          puts: [
            {
              ...user,
              emailVerified: user.emailVerified?.toISOString(),
              [pk]: `USER#${user.id}`,
              [sk]: `USER#${user.id}`,
              type: "USER",
              [gpk]: `USER#${user.email}`,
              [gsk]: `USER#${user.email}`,
            },
            {
              ...account,
              id: crypto.randomUUID(),
              [pk]: `USER#${user.id}`,
              [sk]: `ACCOUNT#${account.provider}#${account.providerAccountId}`,
              [gpk]: `ACCOUNT#${account.provider}`,
              [gsk]: `ACCOUNT#${account.providerAccountId}`,
            },
            {
              ...session,
              expires: session.expires.getTime() / 1000,
              [pk]: `USER#${user.id}`,
              [sk]: `SESSION#${session.sessionToken}`,
              [gpk]: `SESSION#${session.sessionToken}`,
              [gsk]: `SESSION#${session.sessionToken}`,
              type: "SESSION",
            },
          ],
        })
        expect(await a.getUserByEmail(user.email)).toEqual(user)
        expect(await a.getUserByAccount(account)).toEqual(user)
        expect(await a.getAccount(account.providerAccountId, account.provider)).toMatchObject(
          account,
        )
        expect(await a.getSessionAndUser(session.sessionToken)).toEqual({ session, user })
        const expires = inDays(5)
        expect(await a.updateSession({ sessionToken: session.sessionToken, expires })).toEqual({
          ...session,
          expires,
        })
        expect(await a.updateUser({ id: user.id, email: `moved-${user.email}` })).toEqual({
          ...user,
          email: `moved-${user.email}`,
        })
        expect(await a.unlinkAccount(account)).toMatchObject(account)
        expect(await a.deleteUser(user.id)).toEqual({ ...user, email: `moved-${user.email}` })
        expect(
          await raw.query({ expression: "#pk = :p", values: { ":p": `USER#${user.id}` } }),
        ).toHaveLength(0)
      },
      TEST_TIMEOUT_MS,
    )
  })
}
