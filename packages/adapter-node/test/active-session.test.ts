/**
 * `getActiveSession`, re-exported from core, against DynamoDB Local: an expired session that TTL
 * has not removed yet is still returned by `getSessionAndUser` (Auth.js checks expiry itself)
 * and is none for the helper.
 */
import { createNodeTransport, DynamoDBAdapter, getActiveSession } from "@dynamoauth/adapter-node"
import { createTable, uniqueName } from "@dynamoauth/testing/contract"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { expect, it } from "vitest"
import { sdkClient } from "./sdk-client.js"

it("an expired, still stored session is none; a live one comes back with its user", async () => {
  const client = sdkClient(dynamodbEndpoint())
  const options = { tableName: uniqueName("active-session") }
  await createTable(createNodeTransport(client), options)
  const adapter = DynamoDBAdapter(client, options)
  const user = await adapter.createUser({
    id: crypto.randomUUID(),
    email: "a@example.test",
    emailVerified: null,
  })
  const live = {
    sessionToken: crypto.randomUUID(),
    userId: user.id,
    expires: new Date(Date.now() + 60_000),
  }
  const expired = {
    sessionToken: crypto.randomUUID(),
    userId: user.id,
    expires: new Date(Date.now() - 60_000),
  }
  await adapter.createSession(live)
  await adapter.createSession(expired)

  expect(await adapter.getSessionAndUser(expired.sessionToken)).toEqual({ session: expired, user })
  expect(await getActiveSession(adapter, expired.sessionToken)).toBeNull()
  expect(await getActiveSession(adapter, live.sessionToken)).toEqual({ session: live, user })
  expect(await getActiveSession(adapter, crypto.randomUUID())).toBeNull()
  client.destroy()
})
