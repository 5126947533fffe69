/**
 * Counters Better Auth's plugins keep with `incrementOne`, on rows whose counter is missing (a row
 * written before the column existed) or null: the two-factor plugin's lockout
 * (`failedVerificationCount`) locks after `maxFailedAttempts` wrong codes exactly as on Better
 * Auth's memory adapter, and the organization plugin's team `memberCount` counts the members
 * added. Web APIs only: counters.test.ts runs it on Node (both transports).
 */
import type { Transport } from "@dynamoauth/core"
import { marshallItem } from "@dynamoauth/core/internal"
import { BETTER_AUTH_BASE } from "@dynamoauth/testing/better-auth-handler"
import { betterAuth } from "better-auth"
import { memoryAdapter } from "better-auth/adapters/memory"
import { organization, twoFactor } from "better-auth/plugins"
import { describe, expect, it } from "vitest"
import { dynamoAuthBetterAuth } from "../../src/index.js"
import { freshTable } from "../edge.js"
import { call } from "./plugins.js"

const PASSWORD = "correct horse battery"
const SECRET = "a-test-secret-that-is-long-enough-0123456789"
type Counter = "missing" | "null"

export function defineCounterSuite(label: string, transport: Transport): void {
  describe(label, () => {
    /** Removes a field from a stored record, as a row written before the field existed. */
    async function removeField(tableName: string, model: string, id: string, field: string) {
      await transport.send("UpdateItem", {
        TableName: tableName,
        Key: marshallItem({ pk: `${model}#${id}`, sk: `${model}#${id}` }),
        UpdateExpression: "REMOVE #f",
        ExpressionAttributeNames: { "#f": field },
      })
    }

    /** The statuses of five wrong TOTP codes in a row, on an account whose counter is `counter`. */
    async function wrongCodes(database: "dynamodb" | "memory", counter: Counter) {
      const table = await freshTable(transport)
      const memory: Record<string, Record<string, unknown>[]> = {
        user: [],
        session: [],
        account: [],
        verification: [],
        twoFactor: [],
      }
      const auth = betterAuth({
        baseURL: BETTER_AUTH_BASE,
        secret: SECRET,
        database:
          database === "memory"
            ? memoryAdapter(memory)
            : dynamoAuthBetterAuth({ transport, ...table, scan: "refuse" }),
        emailAndPassword: { enabled: true },
        plugins: [
          twoFactor({ skipVerificationOnEnable: true, accountLockout: { maxFailedAttempts: 3 } }),
        ],
      })
      const email = `tf-${crypto.randomUUID()}@example.com`
      const signUp = await call(auth, "/sign-up/email", {
        body: { email, password: PASSWORD, name: "Tess" },
      })
      const enable = await call(auth, "/two-factor/enable", {
        body: { password: PASSWORD },
        cookie: signUp.cookies,
      })
      expect(enable.status).toBe(200)
      const { adapter } = await auth.$context
      const [row] = await adapter.findMany<{ id: string }>({
        model: "twoFactor",
        where: [{ field: "userId", value: signUp.json.user.id }],
      })
      if (counter === "null") {
        await adapter.update({
          model: "twoFactor",
          where: [{ field: "id", value: row!.id }],
          update: { failedVerificationCount: null },
        })
      } else if (database === "memory") {
        for (const r of memory.twoFactor!) delete r.failedVerificationCount
      } else {
        await removeField(table.tableName, "twoFactor", row!.id, "failedVerificationCount")
      }
      const statuses: number[] = []
      for (let attempt = 0; attempt < 5; attempt++) {
        // A fresh challenge each time: the lock is per account, across challenges.
        const signIn = await call(auth, "/sign-in/email", { body: { email, password: PASSWORD } })
        expect(signIn.json.twoFactorRedirect).toBe(true)
        const verify = await call(auth, "/two-factor/verify-totp", {
          body: { code: "000000" },
          cookie: signIn.cookies,
        })
        statuses.push(verify.status)
      }
      const stored = await adapter.findOne<{ lockedUntil: unknown }>({
        model: "twoFactor",
        where: [{ field: "id", value: row!.id }],
      })
      return { statuses, locked: Boolean(stored?.lockedUntil) }
    }

    it.each<Counter>(["missing", "null"])(
      "two-factor locks after 3 wrong codes when failedVerificationCount is %s, as the memory adapter does",
      async (counter) => {
        const memory = await wrongCodes("memory", counter)
        // The reference: three refusals, then the account is locked.
        expect(memory.statuses.slice(0, 3)).toEqual([401, 401, 401])
        expect(memory.statuses.slice(3)).toEqual([429, 429])
        expect(memory.locked).toBe(true)
        expect(await wrongCodes("dynamodb", counter)).toEqual(memory)
      },
      // Ten sign-ins, each hashing a password.
      120_000,
    )

    it.each<Counter>(["missing", "null"])(
      "a team's memberCount counts the members added when it was %s",
      async (counter) => {
        const table = await freshTable(transport)
        const auth = betterAuth({
          baseURL: BETTER_AUTH_BASE,
          secret: SECRET,
          database: dynamoAuthBetterAuth({ transport, ...table, scan: "refuse" }),
          emailAndPassword: { enabled: true },
          plugins: [organization({ teams: { enabled: true } })],
        })
        const users = []
        for (const name of ["owner", "ann", "ben"]) {
          const email = `${name}-${crypto.randomUUID()}@example.com`
          const reply = await call(auth, "/sign-up/email", {
            body: { email, password: PASSWORD, name },
          })
          users.push({ id: reply.json.user.id as string, cookie: reply.cookies })
        }
        const [owner, ann, ben] = users as [(typeof users)[0], (typeof users)[0], (typeof users)[0]]
        const org = await call(auth, "/organization/create", {
          body: { name: "Acme", slug: `acme-${crypto.randomUUID()}` },
          cookie: owner.cookie,
        })
        const team = await call(auth, "/organization/create-team", {
          body: { name: "Core", organizationId: org.json.id },
          cookie: owner.cookie,
        })
        const { adapter } = await auth.$context
        if (counter === "null") {
          await adapter.update({
            model: "team",
            where: [{ field: "id", value: team.json.id }],
            update: { memberCount: null },
          })
        } else {
          await removeField(table.tableName, "team", team.json.id, "memberCount")
        }
        for (const user of [ann, ben]) {
          await adapter.create({
            model: "member",
            data: {
              organizationId: org.json.id,
              userId: user.id,
              role: "member",
              createdAt: new Date(),
            },
          })
          const added = await call(auth, "/organization/add-team-member", {
            body: { teamId: team.json.id, userId: user.id, organizationId: org.json.id },
            cookie: owner.cookie,
          })
          expect(added.status).toBe(200)
        }
        const stored = await adapter.findOne<Record<string, unknown>>({
          model: "team",
          where: [{ field: "id", value: team.json.id }],
        })
        expect(stored?.memberCount).toBe(2)
        // Nothing was written beside the counter.
        expect(Object.keys(stored!).filter((k) => /^u\d+$/.test(k))).toEqual([])
      },
      60_000,
    )

    it.each([
      ["missing", undefined, [1, 2]],
      ["null", null, [1, 2]],
      ["present", 5, [6, 7]],
    ] as const)("incrementOne on a %s counter counts from it", async (_, start, expected) => {
      const table = await freshTable(transport)
      const adapter = dynamoAuthBetterAuth({ transport, ...table, scan: "refuse" })({
        plugins: [organization({ teams: { enabled: true } })],
      })
      const team = await adapter.create<Record<string, unknown>, { id: string }>({
        model: "team",
        data: { name: "Core", organizationId: "o1", createdAt: new Date(), memberCount: 0 },
      })
      if (start === undefined) await removeField(table.tableName, "team", team.id, "memberCount")
      else {
        await adapter.update({
          model: "team",
          where: [{ field: "id", value: team.id }],
          update: { memberCount: start },
        })
      }
      const counts = []
      for (let i = 0; i < 2; i++) {
        const row = await adapter.incrementOne<Record<string, unknown>>({
          model: "team",
          where: [{ field: "id", value: team.id }],
          increment: { memberCount: 1 },
        })
        counts.push(row?.memberCount)
        expect(Object.keys(row ?? {}).filter((k) => /^u\d+$/.test(k))).toEqual([])
      }
      expect(counts).toEqual(expected)
    })
  })
}
