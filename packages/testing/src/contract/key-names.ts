/**
 * Key attribute names may not be names the adapter stores data under: a key
 * attribute called `name` or `counter` would silently replace the user's
 * name or the passkey's counter. The list of stored names is checked here
 * against the raw items the adapter writes.
 */
import { isDynamoAuthError } from "@dynamoauth/core"
import { STORED_ATTRIBUTES } from "@dynamoauth/core/internal"
import { describe, expect, it } from "vitest"
import type { FullAdapter, SuiteEnv } from "./env.js"
import { errorOf, newAccount, newAuthenticator, newSession, newToken, newUser } from "./fixtures.js"
import { createTable, scanAll, uniqueName } from "./tables.js"
import { TEST_TIMEOUT_MS } from "./timeouts.js"

export function keyNamesContract(env: SuiteEnv) {
  describe("key attribute names", () => {
    it(
      "every attribute the adapter writes is a reserved name",
      async () => {
        // A table of its own: other tests store custom user fields.
        const options = await createTable(env.target.transport, {
          ...env.layout().options,
          tableName: uniqueName("stored"),
        })
        const a = env.target.makeAdapter(options) as FullAdapter
        const user = await a.createUser(newUser())
        await a.linkAccount(
          newAccount(user.id, { id_token: "eyJ.x.y", session_state: "s", type: "oidc" }),
        )
        await a.createSession(newSession(user.id))
        await a.createVerificationToken(newToken())
        await a.createAuthenticator(newAuthenticator(user.id))
        const keyNames = [
          options.partitionKey,
          options.sortKey,
          options.indexPartitionKey,
          options.indexSortKey,
        ]
        const written = new Set(
          (await scanAll(env.target.transport, options.tableName)).flatMap((item) =>
            Object.keys(item).filter((name) => !keyNames.includes(name)),
          ),
        )
        expect(written.size).toBeGreaterThan(20)
        expect([...written].filter((name) => !STORED_ATTRIBUTES.includes(name))).toEqual([])
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "naming a key attribute like a stored attribute is refused at construction",
      async () => {
        for (const option of ["partitionKey", "sortKey", "indexPartitionKey", "indexSortKey"]) {
          for (const name of STORED_ATTRIBUTES) {
            const error = await errorOf(async () => env.target.makeAdapter({ [option]: name }))
            expect(isDynamoAuthError(error)).toBe(true)
            expect(error.code).toBe("INVALID_OPTION")
            expect(error.message).toContain(`option ${option}`)
          }
        }
      },
      TEST_TIMEOUT_MS,
    )
  })
}
