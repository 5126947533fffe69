/**
 * `onRequest`: one event per DynamoDB request, through the fault proxy, so the
 * events can be held against the requests the proxy saw: successes, throttled
 * attempts that were retried, failures, and nothing secret in any event.
 */
import type { RequestEvent } from "@dynamoauth/core"
import { afterEach, describe, expect, it } from "vitest"
import type { FullAdapter, SuiteEnv } from "./env.js"
import { errorOf, newAccount, newSession, newToken, newUser } from "./fixtures.js"
import { TEST_TIMEOUT_MS } from "./timeouts.js"

export function requestEventsContract(env: SuiteEnv) {
  const proxied = env.target.proxied
  if (!proxied) return
  const control = proxied.control
  const observed = (onRequest: (event: RequestEvent) => unknown) =>
    proxied.makeAdapter({ ...env.layout().options, onRequest }) as FullAdapter
  const recording = () => {
    const events: RequestEvent[] = []
    return { events, adapter: observed((event) => events.push(event)) }
  }
  const sum = (events: RequestEvent[], unit: "readUnits" | "writeUnits") =>
    events.reduce((total, e) => total + (e.consumedCapacity?.[unit] ?? 0), 0)

  describe("onRequest", () => {
    afterEach(() => control.clearFaults(), TEST_TIMEOUT_MS)

    it(
      "reports each request once, with its operation, table, time and capacity",
      async () => {
        const { events, adapter } = recording()
        const user = await adapter.createUser(newUser())
        const writes = events.splice(0)
        await control.resetCounts()
        expect(await adapter.getUser(user.id)).toEqual(user)
        const counts = await control.counts()

        // One event per request the proxy saw.
        const perOperation: Record<string, number> = {}
        for (const e of events) perOperation[e.operation] = (perOperation[e.operation] ?? 0) + 1
        expect(perOperation).toEqual(counts)
        for (const event of [...writes, ...events]) {
          expect(event).toMatchObject({
            table: env.layout().options.tableName,
            attempts: 1,
            throttled: 0,
          })
          expect(event.error).toBeUndefined()
          expect(event.durationMs).toBeGreaterThanOrEqual(0)
        }
        // A consistent read of a small item is 1 RCU; creating a user writes several items.
        expect(sum(events, "readUnits")).toBe(1)
        expect(sum(events, "writeUnits")).toBe(0)
        expect(sum(writes, "writeUnits")).toBeGreaterThanOrEqual(2)
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "counts throttled attempts that a retry got through",
      async () => {
        const { events, adapter } = recording()
        const user = await adapter.createUser(newUser())
        events.length = 0
        await control.setFaults({ throttleRate: 1, operations: ["GetItem"], maxFaults: 2 })
        expect(await adapter.getUser(user.id)).toEqual(user)
        expect(events).toHaveLength(1)
        expect(events[0]).toMatchObject({ operation: "GetItem", attempts: 3, throttled: 2 })
        expect(events[0]!.error).toBeUndefined()
        expect(events[0]!.consumedCapacity).toEqual({ readUnits: 1, writeUnits: 0 })
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "reports a request that failed after its retries, with dynamoauth's code",
      async () => {
        const { events, adapter } = recording()
        const user = await adapter.createUser(newUser())
        events.length = 0
        await control.setFaults({ throttleRate: 1, operations: ["GetItem"] })
        expect((await errorOf(() => adapter.getUser(user.id))).code).toBe("THROTTLED")
        expect(events).toHaveLength(1)
        const [event] = events
        expect(event).toMatchObject({ operation: "GetItem", error: "THROTTLED" })
        expect(event!.attempts).toBeGreaterThan(1)
        expect(event!.throttled).toBe(event!.attempts)
        expect(event!.consumedCapacity).toBeUndefined()
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "never carries a key, a value, a token or a credential",
      async () => {
        const { events, adapter } = recording()
        const user = await adapter.createUser(newUser())
        const account = {
          ...newAccount(user.id),
          access_token: `access-${crypto.randomUUID()}`,
          refresh_token: `refresh-${crypto.randomUUID()}`,
          id_token: `id-${crypto.randomUUID()}`,
        }
        await adapter.linkAccount(account)
        const session = newSession(user.id)
        await adapter.createSession(session)
        await adapter.getSessionAndUser(session.sessionToken)
        const token = newToken()
        await adapter.createVerificationToken(token)
        await adapter.useVerificationToken(token)
        await adapter.getUserByEmail(user.email)
        await adapter.getUserByAccount(account)
        await adapter.deleteSession(session.sessionToken)

        const text = JSON.stringify(events)
        expect(events.length).toBeGreaterThan(8)
        for (const secret of [
          user.id,
          user.email,
          account.providerAccountId,
          account.access_token,
          account.refresh_token,
          account.id_token,
          session.sessionToken,
          token.token,
          token.identifier,
        ]) {
          expect(text).not.toContain(secret)
        }
        // Only the documented fields.
        const fields = new Set(events.flatMap((e) => Object.keys(e)))
        for (const field of fields) {
          expect([
            "operation",
            "table",
            "durationMs",
            "attempts",
            "throttled",
            "error",
            "consumedCapacity",
          ]).toContain(field)
        }
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "a hook that throws, rejects or never settles changes nothing",
      async () => {
        let calls = 0
        const hooks = [
          () => {
            calls++
            throw new Error("hook failed")
          },
          async () => {
            calls++
            throw new Error("hook rejected")
          },
          () => {
            calls++
            return new Promise(() => {}) // never settles: awaiting it would hang the call
          },
        ]
        for (const hook of hooks) {
          const adapter = observed(hook)
          const user = await adapter.createUser(newUser())
          expect(await adapter.getUser(user.id)).toEqual(user)
          const session = newSession(user.id)
          await adapter.createSession(session)
          expect(await adapter.getSessionAndUser(session.sessionToken)).toEqual({ session, user })
        }
        expect(calls).toBeGreaterThanOrEqual(hooks.length * 4)
      },
      TEST_TIMEOUT_MS,
    )

    it("refuses an onRequest that is not a function", () => {
      expect(() =>
        proxied.makeAdapter({ ...env.layout().options, onRequest: "log" as never }),
      ).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }))
    })
  })
}
