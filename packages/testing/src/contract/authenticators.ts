import { describe, expect, it } from "vitest"
import type { SuiteEnv } from "./env.js"
import {
  errorOf,
  expectNoStorageAttributes,
  newAccount,
  newAuthenticator,
  newUser,
} from "./fixtures.js"
import { TEST_TIMEOUT_MS } from "./timeouts.js"

export function authenticatorsContract(env: SuiteEnv) {
  describe("authenticators (passkeys)", () => {
    it(
      "createAuthenticator, getAuthenticator, listAuthenticatorsByUserId",
      async () => {
        const a = env.adapter()
        const user = await a.createUser(newUser())
        const first = newAuthenticator(user.id)
        const second = newAuthenticator(user.id)
        await a.linkAccount(
          newAccount(user.id, {
            type: "webauthn",
            provider: "passkey",
            providerAccountId: first.credentialID,
          }),
        )
        expect(await a.createAuthenticator(first)).toEqual(first)
        await a.createAuthenticator(second)
        const found = await a.getAuthenticator(first.credentialID)
        expect(found).toEqual(first)
        expectNoStorageAttributes(found, env.layout())
        const list = await a.listAuthenticatorsByUserId(user.id)
        expect(list).toHaveLength(2)
        expect(list).toContainEqual(first)
        expect(list).toContainEqual(second)
        expect(await a.listAuthenticatorsByUserId(crypto.randomUUID())).toEqual([])
        expect(await a.getAuthenticator(`missing-${crypto.randomUUID()}`)).toBeNull()
        expect(await a.getAccount(first.credentialID, "passkey")).toMatchObject({
          type: "webauthn",
        })
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "updateAuthenticatorCounter updates, and throws for an unknown credential",
      async () => {
        const a = env.adapter()
        const user = await a.createUser(newUser())
        const authenticator = newAuthenticator(user.id)
        await a.createAuthenticator(authenticator)
        expect(await a.updateAuthenticatorCounter(authenticator.credentialID, 7)).toEqual({
          ...authenticator,
          counter: 7,
        })
        expect((await env.adapter().getAuthenticator(authenticator.credentialID))?.counter).toBe(7)
        const error = await errorOf(() =>
          a.updateAuthenticatorCounter(`missing-${crypto.randomUUID()}`, 1),
        )
        expect(error.code).toBe("NOT_FOUND")
        expect(error.operation).toBe("updateAuthenticatorCounter")
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "a credential registered twice is refused",
      async () => {
        const a = env.adapter()
        const user = await a.createUser(newUser())
        const other = await a.createUser(newUser())
        const authenticator = newAuthenticator(user.id)
        await a.createAuthenticator(authenticator)
        const error = await errorOf(() =>
          a.createAuthenticator({ ...authenticator, userId: other.id }),
        )
        expect(error.code).toBe("DUPLICATE_CREDENTIAL")
        expect(await a.listAuthenticatorsByUserId(other.id)).toEqual([])
      },
      TEST_TIMEOUT_MS,
    )
  })
}
