import { describe, expect, it } from "vitest"
import type { SuiteEnv } from "./env.js"
import { expectNoStorageAttributes, newToken } from "./fixtures.js"
import { TEST_TIMEOUT_MS } from "./timeouts.js"

export function verificationTokensContract(env: SuiteEnv) {
  describe("verification tokens", () => {
    it(
      "createVerificationToken, then useVerificationToken returns it once",
      async () => {
        const a = env.adapter()
        const { options, raw } = env.layout()
        const token = newToken()
        expect(await a.createVerificationToken(token)).toEqual(token)
        const item = await raw.get({
          [options.partitionKey]: `VT#${token.identifier}`,
          [options.sortKey]: `VT#${token.token}`,
        })
        expect(item?.expires).toBe(token.expires.getTime() / 1000)
        expect(item?.type).toBe("VT")
        const used = await a.useVerificationToken(token)
        expect(used).toEqual(token)
        expect(used?.expires).toBeInstanceOf(Date)
        expectNoStorageAttributes(used, env.layout())
        expect(await a.useVerificationToken(token)).toBeNull()
        expect(
          await a.useVerificationToken({ identifier: token.identifier, token: "wrong" }),
        ).toBeNull()
      },
      TEST_TIMEOUT_MS,
    )
  })
}
