/**
 * `onRequest` on the Better Auth adapter and on its secondary storage, through Better Auth's real
 * handler: one event per request the transport sent, capacity units on each, and no email,
 * password, token or cookie in any event. Web APIs only: request-events.test.ts runs it on Node
 * (both transports), workerd/request-events.test.ts inside workerd.
 */
import type { RequestEvent, Transport } from "@dynamoauth/core"
import { BETTER_AUTH_BASE, callBetterAuth } from "@dynamoauth/testing/better-auth-handler"
import { betterAuth } from "better-auth"
import { describe, expect, it } from "vitest"
import { dynamoAuthBetterAuth, dynamoAuthSecondaryStorage } from "../../src/index.js"
import { countingTransport, freshTable } from "../edge.js"

export function defineRequestEventsSuite(label: string, transport: Transport): void {
  describe(label, () => {
    it("reports every request of sign-up, sign-in, session check and sign-out, and no secret", async () => {
      const table = await freshTable(transport)
      const { counted, requests } = countingTransport(transport)
      const events: { source: string; event: RequestEvent }[] = []
      const auth = betterAuth({
        baseURL: BETTER_AUTH_BASE,
        secret: "a-test-secret-that-is-long-enough-0123456789",
        database: dynamoAuthBetterAuth({
          transport: counted,
          ...table,
          onRequest: (event) => events.push({ source: "database", event }),
        }),
        secondaryStorage: dynamoAuthSecondaryStorage({
          transport: counted,
          ...table,
          onRequest: (event) => events.push({ source: "secondaryStorage", event }),
        }),
        verification: { disableCleanup: true },
        emailAndPassword: { enabled: true },
      })
      const email = `ada-${crypto.randomUUID()}@example.com`
      const password = `pw-${crypto.randomUUID()}`
      const signUp = await callBetterAuth(auth, "/sign-up/email", {
        body: { email, password, name: "Ada" },
      })
      expect(signUp.status).toBe(200)
      const signIn = await callBetterAuth(auth, "/sign-in/email", { body: { email, password } })
      expect(signIn.status).toBe(200)
      const session = await callBetterAuth(auth, "/get-session", { cookie: signIn.cookie })
      expect(session.json.user.email).toBe(email)
      expect(
        (await callBetterAuth(auth, "/sign-out", { body: {}, cookie: signIn.cookie })).status,
      ).toBe(200)

      // One event per request sent, in order, from both entry points.
      expect(events.map((e) => e.event.operation)).toEqual(requests)
      expect(new Set(events.map((e) => e.source))).toEqual(
        new Set(["database", "secondaryStorage"]),
      )
      for (const { event } of events) {
        expect(event).toMatchObject({ table: table.tableName, attempts: 1, throttled: 0 })
        expect(event.error).toBeUndefined()
        const units = event.consumedCapacity!
        expect(units.readUnits + units.writeUnits).toBeGreaterThan(0)
      }
      const text = JSON.stringify(events)
      const token = decodeURIComponent(signIn.cookie.split("=")[1]!).split(".")[0]!
      for (const secret of [email, password, token, signUp.json.user.id, session.json.session.id]) {
        expect(secret.length).toBeGreaterThan(8)
        expect(text).not.toContain(secret)
      }
    })
  })
}
