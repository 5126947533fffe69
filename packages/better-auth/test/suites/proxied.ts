/**
 * Through the fault proxy, with the index 60 s behind the table: every list Better Auth reads by
 * userId or identifier still sees what another adapter instance has just written
 * (read-your-writes), on one transport pointed at the proxy, which `control` drives over its HTTP
 * control API. Web APIs only: proxied.test.ts runs it on Node (both transports),
 * workerd/proxied.test.ts inside workerd.
 */
import type { Transport } from "@dynamoauth/core"
import { BETTER_AUTH_BASE, callBetterAuth } from "@dynamoauth/testing/better-auth-handler"
import type { AsyncFaultProxyControls } from "@dynamoauth/testing/fault-proxy-remote"
import { betterAuth } from "better-auth"
import { afterEach, describe, expect, it } from "vitest"
import { dynamoAuthBetterAuth } from "../../src/index.js"
import { freshTable } from "../edge.js"

/** `transport` sends through the proxy that `control` drives. */
export function defineProxiedSuite(
  label: string,
  transport: Transport,
  control: AsyncFaultProxyControls,
): void {
  describe(label, () => {
    afterEach(() => control.setIndexLag(0))

    const names = { partitionKey: "PK", sortKey: "SK" }

    /** A new Better Auth instance (and adapter) on the table, as another server would be. */
    const instance = (table: Awaited<ReturnType<typeof freshTable>>, joins = false) =>
      betterAuth({
        advanced: { database: { joins } },
        baseURL: BETTER_AUTH_BASE,
        secret: "a-test-secret-that-is-long-enough-0123456789",
        database: dynamoAuthBetterAuth({ transport, ...table, scan: "refuse" }),
        verification: { disableCleanup: true },
        emailAndPassword: { enabled: true },
      })

    const call = callBetterAuth

    it("signs in right after sign-up and lists every session while the index lags", async () => {
      const table = await freshTable(transport, names)
      await control.setIndexLag(60_000, { partitionKey: "PK", sortKey: "SK" })
      const email = `lag-${crypto.randomUUID()}@example.com`
      const password = "correct horse battery"
      const signUp = await call(instance(table), "/sign-up/email", {
        body: { email, password, name: "Lag" },
      })
      expect(signUp.status).toBe(200)
      // Sign-in reads the user's credential account by userId, just written elsewhere.
      const signIn = await call(instance(table), "/sign-in/email", { body: { email, password } })
      expect(signIn.status).toBe(200)
      // A session check on a server that has not seen the token: the claim, then the session and
      // its user together, with native joins and with separate queries (the claim names the
      // user, and the read memo answers Better Auth's separate read of it).
      await control.resetCounts()
      const checked = await call(instance(table, true), "/get-session", { cookie: signIn.cookie })
      expect(checked.json.user.email).toBe(email)
      expect(await control.counts()).toEqual({ GetItem: 1, BatchGetItem: 1 })
      await control.resetCounts()
      const separate = await call(instance(table), "/get-session", { cookie: signIn.cookie })
      expect(separate.json.user.email).toBe(email)
      expect(await control.counts()).toEqual({ GetItem: 1, BatchGetItem: 1 })
      const sessions = await call(instance(table), "/list-sessions", { cookie: signIn.cookie })
      expect(sessions.status).toBe(200)
      expect(sessions.json).toHaveLength(2)
      // Revoking the others ends the sign-up session at once.
      await call(instance(table), "/revoke-other-sessions", { body: {}, cookie: signIn.cookie })
      expect(
        (await call(instance(table), "/get-session", { cookie: signUp.cookie })).json,
      ).toBeNull()
      const left = await call(instance(table), "/list-sessions", { cookie: signIn.cookie })
      expect(left.json).toHaveLength(1)
    })

    it("finds verifications by identifier and accounts by userId just written by another instance", async () => {
      const table = await freshTable(transport, names)
      await control.setIndexLag(60_000, { partitionKey: "PK", sortKey: "SK" })
      const writer = (await instance(table).$context).adapter
      const reader = () => dynamoAuthBetterAuth({ transport, ...table, scan: "refuse" })({})
      const identifier = `otp:${crypto.randomUUID()}`
      const first = await writer.create<Record<string, unknown>, { id: string }>({
        model: "verification",
        data: { identifier, value: "1", expiresAt: new Date(Date.now() + 60_000) },
      })
      const second = await writer.create<Record<string, unknown>, { id: string }>({
        model: "verification",
        data: { identifier, value: "2", expiresAt: new Date(Date.now() + 60_000) },
      })
      const found = await reader().findMany<{ id: string }>({
        model: "verification",
        where: [{ field: "identifier", value: identifier }],
      })
      expect(found.map((v) => v.id).sort()).toEqual([first.id, second.id].sort())
      await reader().delete({ model: "verification", where: [{ field: "id", value: first.id }] })
      expect(
        await reader().findMany({
          model: "verification",
          where: [{ field: "identifier", value: identifier }],
        }),
      ).toHaveLength(1)

      const user = await writer.create<Record<string, unknown>, { id: string }>({
        model: "user",
        data: { name: "A", email: `${identifier}@example.com`, emailVerified: false },
      })
      const account = await writer.create<Record<string, unknown>, { id: string }>({
        model: "account",
        data: { userId: user.id, providerId: "github", accountId: crypto.randomUUID() },
      })
      await control.resetCounts()
      expect(
        await reader().findMany({ model: "account", where: [{ field: "userId", value: user.id }] }),
      ).toMatchObject([{ id: account.id }])
      // One strongly consistent Query of the user's partition, then the records.
      expect(await control.counts()).toEqual({ Query: 1, BatchGetItem: 1 })
    })
  })
}
