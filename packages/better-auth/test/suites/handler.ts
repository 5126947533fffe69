/**
 * Sign-in flows through Better Auth's real HTTP handler on this adapter, on one transport: email
 * and password (sign-up, sign-in, session, sign-out), email OTP (single use), and an expired
 * session that TTL has not deleted yet. Web APIs only: handler.test.ts runs it on Node (both
 * transports), workerd/handler.test.ts inside workerd.
 */
import type { Transport } from "@dynamoauth/core"
import { unmarshallItem } from "@dynamoauth/core/internal"
import { BETTER_AUTH_BASE, callBetterAuth } from "@dynamoauth/testing/better-auth-handler"
import { scanAll } from "@dynamoauth/testing/contract"
import { betterAuth } from "better-auth"
import { emailOTP } from "better-auth/plugins"
import { describe, expect, it } from "vitest"
import { dynamoAuthBetterAuth } from "../../src/index.js"
import { countingTransport, freshTable, traceAdapterCalls } from "../edge.js"

export function defineHandlerSuite(label: string, transport: Transport): void {
  describe(label, () => {
    async function setup(joins = false) {
      const table = await freshTable(transport)
      // Counts requests per step, for the README's table of requests per flow.
      const { counted, requests } = countingTransport(transport)
      const otps = new Map<string, string>()
      const scans: string[] = []
      const auth = betterAuth({
        baseURL: BETTER_AUTH_BASE,
        secret: "a-test-secret-that-is-long-enough-0123456789",
        database: dynamoAuthBetterAuth({
          transport: counted,
          ...table,
          warn: (m) => scans.push(m),
        }),
        // TTL deletes expired verifications; the clean-up query would scan.
        verification: { disableCleanup: true },
        emailAndPassword: { enabled: true },
        advanced: { database: { joins } },
        plugins: [
          emailOTP({
            sendVerificationOTP: async ({ email, otp }) => {
              otps.set(email, otp)
            },
          }),
        ],
      })
      const call = (path: string, init?: { body?: unknown; cookie?: string }) =>
        callBetterAuth(auth, path, init)
      /** Per adapter call (outside transactions): the requests it sent. */
      const calls = traceAdapterCalls((await auth.$context).adapter, requests)
      const step = async (name: string, run: () => Promise<unknown>) => {
        requests.length = 0
        calls.length = 0
        const result = await run()
        steps[name] = requests.join(" ")
        callsOf[name] = [...calls]
        return result
      }
      const steps: Record<string, string> = {}
      const callsOf: Record<string, string[]> = {}
      return { auth, call, table, otps, scans, step, steps, callsOf }
    }

    it.each([
      ["separate queries", false],
      ["native joins", true],
    ])(
      "signs up, signs in, reads the session and signs out with email and password (%s)",
      async (_, joins) => {
        const { call, scans, step, steps, callsOf } = await setup(joins)
        const email = `ada-${crypto.randomUUID()}@example.com`
        const signUp = (await step("sign-up", () =>
          call("/sign-up/email", {
            body: { email, password: "correct horse battery", name: "Ada" },
          }),
        )) as Awaited<ReturnType<typeof call>>
        expect(signUp.status).toBe(200)
        const userId = signUp.json.user.id
        expect(signUp.cookie).toMatch(/^better-auth.session_token=/)

        // A second sign-up with the same email is refused.
        const again = await call("/sign-up/email", {
          body: { email, password: "another password 123", name: "Eve" },
        })
        expect(again.status).toBeGreaterThanOrEqual(400)

        const wrong = await call("/sign-in/email", {
          body: { email, password: "wrong password 123" },
        })
        expect(wrong.status).toBe(401)
        const signIn = (await step("sign-in", () =>
          call("/sign-in/email", { body: { email, password: "correct horse battery" } }),
        )) as Awaited<ReturnType<typeof call>>
        expect(signIn.status).toBe(200)
        expect(signIn.json.user.id).toBe(userId)

        const session = (await step("session check", () =>
          call("/get-session", { cookie: signIn.cookie }),
        )) as Awaited<ReturnType<typeof call>>
        expect(session.json).toMatchObject({ user: { id: userId, email } })
        // This instance has seen the token's claim: the session and its user are read by key,
        // together (with separate queries, the read memo answers Better Auth's read of the user).
        expect(steps["session check"]).toBe("BatchGetItem")

        const signOut = (await step("sign-out", () =>
          call("/sign-out", { body: {}, cookie: signIn.cookie }),
        )) as Awaited<ReturnType<typeof call>>
        expect(signOut.status).toBe(200)
        // Better Auth reads the session (and its user), reads it again to delete it, deletes it,
        // then lists the user's accounts (for a provider's logout URL): the repeated reads are
        // answered by the read memo, the list is the partition's Query and its records.
        expect(steps["sign-out"]).toBe("BatchGetItem TransactWriteItems Query BatchGetItem")
        // Better Auth 1.7's /sign-out: findSession, deleteSession (a read, then the delete), and
        // findAccounts. The list comes after the write, and nothing before it read the accounts.
        expect(callsOf["sign-out"]).toEqual([
          "findOne session: BatchGetItem",
          "findMany session: -",
          "delete session: TransactWriteItems",
          "findMany account: Query BatchGetItem",
        ])
        expect((await call("/get-session", { cookie: signIn.cookie })).json).toBeNull()
        // The sign-up session still works: sign-out ended only its own session.
        expect((await call("/get-session", { cookie: signUp.cookie })).json.user.id).toBe(userId)
        // Every query of these flows was a key lookup.
        expect(scans).toEqual([])
        console.log(`requests per step: ${JSON.stringify(steps)}`)
      },
    )

    it("signs in with an email OTP, which works once", async () => {
      const { call, otps, scans } = await setup()
      const email = `otp-${crypto.randomUUID()}@example.com`
      const send = await call("/email-otp/send-verification-otp", {
        body: { email, type: "sign-in" },
      })
      expect(send.status).toBe(200)
      const otp = otps.get(email)!
      expect(otp).toMatch(/^\d{6}$/)
      const signIn = await call("/sign-in/email-otp", { body: { email, otp } })
      expect(signIn.status).toBe(200)
      expect((await call("/get-session", { cookie: signIn.cookie })).json.user.email).toBe(email)
      const replay = await call("/sign-in/email-otp", { body: { email, otp } })
      expect(replay.status).toBeGreaterThanOrEqual(400)
      expect(scans).toEqual([])
    })

    it("answers a sign-up and a sign-in with a 3,000-byte email without a 500, and writes nothing", async () => {
      const { call, table } = await setup()
      const body = {
        email: `${"a".repeat(3000)}@example.com`,
        password: "correct horse battery",
        name: "Long",
      }
      const signUp = await call("/sign-up/email", { body })
      expect(signUp.status).toBeGreaterThanOrEqual(400)
      expect(signUp.status).toBeLessThan(500)
      const signIn = await call("/sign-in/email", { body })
      expect(signIn.status).toBeGreaterThanOrEqual(400)
      expect(signIn.status).toBeLessThan(500)
      expect(await scanAll(transport, table.tableName)).toEqual([])
    })

    it("rejects a session past its expiresAt that DynamoDB TTL has not deleted yet", async () => {
      const { call, auth, table } = await setup()
      const email = `ttl-${crypto.randomUUID()}@example.com`
      const signUp = await call("/sign-up/email", {
        body: { email, password: "correct horse battery", name: "Tess" },
      })
      const ctx = await auth.$context
      const token = decodeURIComponent(signUp.cookie.split("=")[1]!).split(".")[0]!
      await ctx.adapter.update({
        model: "session",
        where: [{ field: "token", value: token }],
        update: { expiresAt: new Date(Date.now() - 1000) },
      })
      const items = (await scanAll(transport, table.tableName)).map((i) => unmarshallItem(i as any))
      const stored = items.find((i) => i._m === "session")!
      // The TTL attribute moved with expiresAt, so DynamoDB will delete the session.
      expect(stored.expires).toBeLessThan(Date.now() / 1000)
      expect((await call("/get-session", { cookie: signUp.cookie })).json).toBeNull()
    })
  })
}
