/**
 * Through the loopback proxy: read-your-writes while the index lags, request
 * counts per operation, and faults that must never leave partial state.
 */
import { isDynamoAuthError } from "@dynamoauth/core"
import { afterEach, describe, expect, it } from "vitest"
import type { FullAdapter, SuiteEnv } from "./env.js"
import { inDays, newAccount, newAuthenticator, newSession, newToken, newUser } from "./fixtures.js"
import { findPartialState } from "./invariants.js"
import { TEST_TIMEOUT_MS } from "./timeouts.js"

export function proxiedContract(env: SuiteEnv) {
  const proxied = env.target.proxied
  if (!proxied) return
  const control = proxied.control
  const adapter = () => proxied.makeAdapter(env.layout().options) as FullAdapter

  /** The requests one call makes, by DynamoDB operation. */
  async function requestsOf(call: () => Promise<unknown>) {
    await control.resetCounts()
    await call()
    return control.counts()
  }

  /** The next `count` deletes (plain or in a transaction) reach DynamoDB; their answers are lost. */
  async function loseAnswersToDeletes(count: number) {
    await control.resetCounts()
    await control.setFaults({
      resetAfterForwardRate: 1,
      operations: ["DeleteItem", "TransactWriteItems"],
      maxFaults: count,
    })
  }

  describe("through the proxy", () => {
    afterEach(async () => {
      await control.setIndexLag(0)
      await control.clearFaults()
    }, TEST_TIMEOUT_MS)

    it(
      "finds what another instance just wrote while the index lags",
      async () => {
        const { partitionKey, sortKey } = env.layout().options
        await control.setIndexLag(60_000, { partitionKey, sortKey })
        const first = adapter()
        const second = adapter()
        const user = await first.createUser(newUser())
        const account = newAccount(user.id)
        await first.linkAccount(account)
        const session = newSession(user.id)
        await first.createSession(session)
        const authenticator = newAuthenticator(user.id)
        await first.createAuthenticator(authenticator)

        expect(await second.getSessionAndUser(session.sessionToken)).toEqual({ session, user })
        // The index missed (the lag is on): the claim and then the user were read.
        expect(
          await requestsOf(async () =>
            expect(await second.getUserByEmail(user.email)).toEqual(user),
          ),
        ).toEqual({
          Query: 1,
          GetItem: 2,
        })
        expect(await second.getUserByAccount(account)).toEqual(user)
        expect(await second.getAccount(account.providerAccountId, account.provider)).toMatchObject(
          account,
        )
        expect(await second.getAuthenticator(authenticator.credentialID)).toEqual(authenticator)
        expect(
          await adapter().updateSession({ sessionToken: session.sessionToken, expires: inDays(9) }),
        ).not.toBeNull()
        expect(await adapter().deleteSession(session.sessionToken)).not.toBeNull()
        expect(await adapter().getSessionAndUser(session.sessionToken)).toBeNull()
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "counts requests: one for a warm session check, cold no more than the official adapter",
      async () => {
        const a = adapter()
        const user = await a.createUser(newUser())
        const session = newSession(user.id)
        expect(await requestsOf(() => a.createSession(session))).toEqual({ TransactWriteItems: 1 })
        expect(await requestsOf(() => a.getSessionAndUser(session.sessionToken))).toEqual({
          BatchGetItem: 1,
        })
        expect(
          await requestsOf(() =>
            a.updateSession({ sessionToken: session.sessionToken, expires: inDays(3) }),
          ),
        ).toEqual({ UpdateItem: 1 })
        expect(await requestsOf(() => adapter().getSessionAndUser(session.sessionToken))).toEqual({
          Query: 1,
          BatchGetItem: 1,
        })
        expect(
          await requestsOf(() =>
            adapter().updateSession({ sessionToken: session.sessionToken, expires: inDays(4) }),
          ),
        ).toEqual({ Query: 1, UpdateItem: 1 })
        expect(await requestsOf(() => a.deleteSession(session.sessionToken))).toEqual({
          DeleteItem: 1,
        })
        expect(
          await requestsOf(() => adapter().getSessionAndUser(`missing-${crypto.randomUUID()}`)),
        ).toEqual({ Query: 1, GetItem: 1 })

        expect(await requestsOf(() => a.getUser(user.id))).toEqual({ GetItem: 1 })
        expect(await requestsOf(() => a.getUserByEmail(user.email))).toEqual({ Query: 1 })
        expect(await requestsOf(() => a.createUser(newUser()))).toEqual({ TransactWriteItems: 1 })
        expect(await requestsOf(() => a.updateUser({ id: user.id, name: "n" }))).toEqual({
          UpdateItem: 1,
        })
        const account = newAccount(user.id)
        expect(await requestsOf(() => a.linkAccount(account))).toEqual({ TransactWriteItems: 1 })
        expect(await requestsOf(() => a.getUserByAccount(account))).toEqual({
          Query: 1,
          GetItem: 1,
        })
        expect(
          await requestsOf(() => a.getAccount(account.providerAccountId, account.provider)),
        ).toEqual({ Query: 1 })
        expect(await requestsOf(() => a.unlinkAccount(account))).toEqual({
          Query: 1,
          TransactWriteItems: 1,
        })
        const token = newToken()
        expect(await requestsOf(() => a.createVerificationToken(token))).toEqual({
          BatchWriteItem: 1,
        })
        expect(await requestsOf(() => a.useVerificationToken(token))).toEqual({
          GetItem: 1,
          TransactWriteItems: 1,
        })
        // The user marked as leaving, its partition read once, everything deleted in one go.
        expect(await requestsOf(() => a.deleteUser(user.id))).toEqual({
          UpdateItem: 1,
          Query: 1,
          TransactWriteItems: 1,
        })
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "a magic link works exactly once when the answer to its use is lost",
      async () => {
        for (let round = 0; round < 3; round++) {
          const token = newToken()
          await adapter().createVerificationToken(token)
          // The delete reaches DynamoDB, its answer does not; the transport sends it again.
          await loseAnswersToDeletes(1)
          expect(await adapter().useVerificationToken(token)).toEqual(token)
          expect((await control.injected()).resetAfterForward).toBe(1)
          await control.clearFaults()
          expect(await adapter().useVerificationToken(token)).toBeNull()
        }
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "20 concurrent uses of one magic link, answers lost: exactly one caller gets it",
      async () => {
        const token = newToken()
        await adapter().createVerificationToken(token)
        // Fewer lost answers than any transport's attempts: every caller gets an answer in the end.
        await loseAnswersToDeletes(2)
        const results = await Promise.all(
          Array.from({ length: 20 }, () => adapter().useVerificationToken(token)),
        )
        expect((await control.injected()).resetAfterForward).toBe(2)
        expect(results.filter((r) => r !== null)).toEqual([token])
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "unprocessed batch items are re-sent until done",
      async () => {
        const a = adapter()
        const user = await a.createUser(newUser())
        const sessions = Array.from({ length: 5 }, () => newSession(user.id))
        for (const session of sessions) await a.createSession(session)
        await control.resetCounts()
        await control.setFaults({ unprocessedRate: 1, operations: ["BatchGetItem"] })
        // Each check reads the session and its user in one batch; the proxy holds one back.
        for (const session of sessions) {
          expect(await adapter().getSessionAndUser(session.sessionToken)).toEqual({ session, user })
        }
        expect((await control.injected()).unprocessed).toBeGreaterThanOrEqual(5)
        await control.clearFaults()
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "with faults injected, every call succeeds or fails clearly, and nothing is left half-written",
      async () => {
        await control.setFaults({
          throttleRate: 0.05,
          serverErrorRate: 0.03,
          resetRate: 0.02,
          resetAfterForwardRate: 0.02,
        })
        const a = adapter()
        const failures: unknown[] = []
        const attempt = async <T>(call: () => Promise<T>) => {
          try {
            return await call()
          } catch (error) {
            failures.push(error)
            return undefined
          }
        }
        for (let round = 0; round < 12; round++) {
          const user = await attempt(() => a.createUser(newUser()))
          if (!user) continue
          const account = newAccount(user.id)
          await attempt(() => a.linkAccount(account))
          const session = newSession(user.id)
          await attempt(() => a.createSession(session))
          await attempt(() => adapter().getSessionAndUser(session.sessionToken))
          await attempt(() =>
            a.updateSession({ sessionToken: session.sessionToken, expires: inDays(2) }),
          )
          await attempt(() => a.updateUser({ id: user.id, email: `moved-${user.email}` }))
          await attempt(() => a.createAuthenticator(newAuthenticator(user.id)))
          const token = newToken()
          await attempt(() => a.createVerificationToken(token))
          await attempt(() => a.useVerificationToken(token))
          if (round % 3 === 0) await attempt(() => a.unlinkAccount(account))
          if (round % 2 === 0) await attempt(() => a.deleteUser(user.id))
        }
        await control.clearFaults()
        const injected = Object.values(await control.injected()).reduce((a, b) => a + b, 0)
        expect(injected).toBeGreaterThan(10)
        for (const failure of failures) {
          expect(isDynamoAuthError(failure)).toBe(true)
          expect((failure as { operation: string }).operation).toMatch(/^[a-zA-Z]+$/)
        }
        expect(await findPartialState(env.layout(), env.target.transport)).toEqual([])
      },
      TEST_TIMEOUT_MS,
    )
  })
}
