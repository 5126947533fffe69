/**
 * Values past DynamoDB's key limits (partition key 2048 bytes, sort key 1024,
 * in UTF-8 with the prefix): lookups find nothing without a request, writes
 * are refused with INVALID_INPUT naming the field, and nothing is written.
 * Keys are measured where they are built (core's keys.ts), so no method list decides.
 */
import { describe, expect, it } from "vitest"
import type { SuiteEnv } from "./env.js"
import { errorOf, newAccount, newAuthenticator, newSession, newToken, newUser } from "./fixtures.js"
import { scanAll } from "./tables.js"
import { TEST_TIMEOUT_MS } from "./timeouts.js"

/** 1 KB and more: an old JWT cookie, or junk. "é" is 2 bytes in UTF-8, 1 unit in JS. */
const long = (bytes: number) => "é".repeat(Math.ceil(bytes / 2))

export function keyLimitsContract(env: SuiteEnv) {
  describe("values past DynamoDB's key limits", () => {
    it(
      "lookups return nothing, and send no request",
      async () => {
        const a = env.adapter()
        const user = await a.createUser(newUser())
        const huge = long(1100)
        const jwt = `eyJ${"x".repeat(1400)}`
        expect(await a.getSessionAndUser(jwt)).toBeNull()
        expect(await a.getSessionAndUser(huge)).toBeNull()
        expect(await a.updateSession({ sessionToken: jwt, expires: new Date() })).toBeNull()
        expect(await a.deleteSession(jwt)).toBeNull()
        expect(await a.getUser(huge)).toBeNull()
        expect(await a.getUserByEmail(`${huge}@example.com`)).toBeNull()
        expect(await a.getUserByAccount({ provider: "github", providerAccountId: huge })).toBeNull()
        expect(await a.getAccount(huge, "github")).toBeNull()
        expect(await a.unlinkAccount({ provider: huge, providerAccountId: "1" })).toBeUndefined()
        expect(await a.useVerificationToken({ identifier: user.email, token: huge })).toBeNull()
        expect(await a.useVerificationToken({ identifier: long(2100), token: "t" })).toBeNull()
        expect(await a.getAuthenticator(huge)).toBeNull()
        // No passkey can have such an ID: the update finds none, as for any unknown ID.
        expect((await errorOf(() => a.updateAuthenticatorCounter(huge, 1))).code).toBe("NOT_FOUND")
        expect(await a.listAuthenticatorsByUserId(long(2100))).toEqual([])
        expect(await a.deleteUser(long(2100))).toBeNull()
        expect(await a.getUser(user.id)).toEqual(user)
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "the proxy sees no request for an oversized lookup",
      async () => {
        const proxied = env.target.proxied
        if (!proxied) return
        const a = proxied.makeAdapter(env.layout().options)
        await proxied.control.resetCounts()
        expect(await a.getSessionAndUser?.(`eyJ${"x".repeat(1400)}`)).toBeNull()
        expect(await a.getUserByEmail?.(`${long(1100)}@example.com`)).toBeNull()
        expect(await proxied.control.counts()).toEqual({})
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "writes are refused with INVALID_INPUT naming the field and the limit, nothing written",
      async () => {
        const a = env.adapter()
        const { options } = env.layout()
        const before = (await scanAll(env.target.transport, options.tableName)).length
        const user = await a.createUser(newUser())
        const cases: [string, string, () => Promise<unknown>][] = [
          ["createUser", "email", () => a.createUser(newUser({ email: `${long(1100)}@x.io` }))],
          ["updateUser", "email", () => a.updateUser({ id: user.id, email: `${long(1100)}@x.io` })],
          [
            "linkAccount",
            "providerAccountId",
            () => a.linkAccount(newAccount(user.id, { providerAccountId: long(1100) })),
          ],
          [
            "createSession",
            "sessionToken",
            () => a.createSession({ ...newSession(user.id), sessionToken: long(1100) }),
          ],
          [
            "createVerificationToken",
            "identifier",
            () => a.createVerificationToken({ ...newToken(), identifier: long(2100) }),
          ],
          [
            "createVerificationToken",
            "token",
            () => a.createVerificationToken({ ...newToken(), token: long(1100) }),
          ],
          [
            "createAuthenticator",
            "credentialID",
            () => a.createAuthenticator({ ...newAuthenticator(user.id), credentialID: long(1100) }),
          ],
        ]
        for (const [operation, field, call] of cases) {
          const error = await errorOf(call)
          expect(error.code, operation).toBe("INVALID_INPUT")
          expect(error.operation).toBe(operation)
          expect(error.message).toContain(field)
          expect(error.message).toMatch(/(1024|2048)-byte key limit/)
          expect(error.message).not.toContain("éé")
        }
        expect(await a.getUser(user.id)).toEqual(user)
        // Only the user (and its email claim) was written.
        expect((await scanAll(env.target.transport, options.tableName)).length).toBe(before + 2)
      },
      TEST_TIMEOUT_MS,
    )
  })
}
