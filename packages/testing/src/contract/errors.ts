import { isDynamoAuthError } from "@dynamoauth/core"
import { describe, expect, it } from "vitest"
import type { FullAdapter, SuiteEnv } from "./env.js"
import { errorOf, newAccount, newSession, newToken, newUser } from "./fixtures.js"
import { uniqueName } from "./tables.js"
import { TEST_TIMEOUT_MS } from "./timeouts.js"

/** Everything an error exposes to a log: message, stack, cause chain, own properties. */
function everythingLogged(error: unknown): string {
  const parts: string[] = []
  let current: any = error
  for (let depth = 0; current && depth < 5; depth++) {
    parts.push(
      String(current.message),
      String(current.stack),
      JSON.stringify(current, Object.getOwnPropertyNames(current)),
    )
    current = current.cause
  }
  return parts.join("\n")
}

export function errorsContract(env: SuiteEnv) {
  describe("errors", () => {
    it(
      "a bad option is named",
      async () => {
        const error = await errorOf(async () => env.target.makeAdapter({ indexSortKey: "" }))
        expect(isDynamoAuthError(error)).toBe(true)
        expect(error.code).toBe("INVALID_OPTION")
        expect(error.message).toContain("indexSortKey")
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "a missing table is named, and no secret appears in any error",
      async () => {
        const tableName = uniqueName("missing")
        const a = env.target.makeAdapter({ tableName }) as FullAdapter
        const secret = `secret-${crypto.randomUUID()}`
        const calls: (() => unknown)[] = [
          () => a.getSessionAndUser(secret),
          () => a.updateSession({ sessionToken: secret, expires: new Date() }),
          () => a.deleteSession(secret),
          () => a.createSession({ ...newSession("u"), sessionToken: secret }),
          () => a.useVerificationToken({ identifier: "x@example.com", token: secret }),
          () => a.createVerificationToken({ ...newToken(), token: secret }),
          () => a.linkAccount(newAccount("u", { access_token: secret, refresh_token: secret })),
          () => a.createUser(newUser({ name: secret })),
        ]
        for (const call of calls) {
          const error = await errorOf(call)
          expect(isDynamoAuthError(error)).toBe(true)
          expect(error.code).toBe("TABLE_NOT_FOUND")
          expect(error.message).toContain(tableName)
          expect(error.awsErrorName).toBe("ResourceNotFoundException")
          expect(everythingLogged(error)).not.toContain(secret)
        }
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "a missing index is named",
      async () => {
        const tableName = uniqueName("no-index")
        await env.target.transport.send("CreateTable", {
          TableName: tableName,
          BillingMode: "PAY_PER_REQUEST",
          AttributeDefinitions: [
            { AttributeName: "pk", AttributeType: "S" },
            { AttributeName: "sk", AttributeType: "S" },
          ],
          KeySchema: [
            { AttributeName: "pk", KeyType: "HASH" },
            { AttributeName: "sk", KeyType: "RANGE" },
          ],
        })
        const error = await errorOf(() =>
          (env.target.makeAdapter({ tableName }) as FullAdapter).getUserByEmail("a@b.c"),
        )
        expect(error.code).toBe("INDEX_NOT_FOUND")
        expect(error.message).toContain("GSI1")
        expect(error.operation).toBe("getUserByEmail")
      },
      TEST_TIMEOUT_MS,
    )

    it(
      "an item over 400 KB is refused and nothing is partly written",
      async () => {
        const a = env.adapter()
        const { options, raw } = env.layout()
        const user = newUser({ name: "x".repeat(410 * 1024) })
        const error = await errorOf(() => a.createUser(user))
        expect(error.code).toBe("ITEM_TOO_LARGE")
        expect(error.operation).toBe("createUser")
        expect(await a.getUserByEmail(user.email)).toBeNull()
        const claim = `EMAIL#${user.email}`
        expect(
          await raw.get({ [options.partitionKey]: claim, [options.sortKey]: claim }),
        ).toBeUndefined()

        const small = await a.createUser(newUser())
        const tooBig = await errorOf(() =>
          a.updateUser({ id: small.id, email: `b-${small.email}`, name: "y".repeat(410 * 1024) }),
        )
        expect(tooBig.code).toBe("ITEM_TOO_LARGE")
        expect(await a.getUser(small.id)).toEqual(small)
        expect(await a.getUserByEmail(`b-${small.email}`)).toBeNull()
      },
      TEST_TIMEOUT_MS,
    )
  })
}
