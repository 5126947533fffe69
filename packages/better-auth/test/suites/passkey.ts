/**
 * The passkey plugin's model (@better-auth/passkey) through the adapter, on one transport: the
 * operations its endpoints send (create, find by credentialID, list by user, counter update by
 * id, delete), the credentialID claim that keeps one credential on one user, and the list and
 * delete endpoints through Better Auth's handler. Web APIs only: passkey.test.ts runs it on Node
 * (both transports), workerd/passkey.test.ts inside workerd.
 */

import { passkey } from "@better-auth/passkey"
import type { Transport } from "@dynamoauth/core"
import { unmarshallItem } from "@dynamoauth/core/internal"
import { BETTER_AUTH_BASE, callBetterAuth } from "@dynamoauth/testing/better-auth-handler"
import { scanAll } from "@dynamoauth/testing/contract"
import { betterAuth } from "better-auth"
import { describe, expect, it } from "vitest"
import { dynamoAuthBetterAuth } from "../../src/index.js"
import { countingTransport, freshTable } from "../edge.js"

type Passkey = { id: string; userId: string; credentialID: string; counter: number }

const newPasskey = (userId: string, credentialID: string = crypto.randomUUID()) => ({
  name: "laptop",
  publicKey: "cHVibGljLWtleQ",
  userId,
  credentialID,
  counter: 0,
  deviceType: "singleDevice",
  backedUp: false,
  transports: "internal",
  createdAt: new Date(),
})

export function definePasskeySuite(label: string, transport: Transport): void {
  describe(label, () => {
    async function setup() {
      const table = await freshTable(transport)
      const { counted, requests } = countingTransport(transport)
      const auth = betterAuth({
        baseURL: BETTER_AUTH_BASE,
        secret: "a-test-secret-that-is-long-enough-0123456789",
        database: dynamoAuthBetterAuth({ transport: counted, ...table, scan: "refuse" }),
        verification: { disableCleanup: true },
        emailAndPassword: { enabled: true },
        plugins: [passkey()],
      })
      const { adapter } = await auth.$context
      return { auth, adapter, table, requests, counted }
    }

    it("creates, finds by credentialID, lists by user, updates the counter and deletes", async () => {
      const { adapter, table, requests, counted } = await setup()
      const a = await adapter.create<ReturnType<typeof newPasskey>, Passkey>({
        model: "passkey",
        data: newPasskey("user-1"),
      })
      const b = await adapter.create<ReturnType<typeof newPasskey>, Passkey>({
        model: "passkey",
        data: newPasskey("user-1"),
      })
      // Another adapter instance (no claims remembered): the claim, then the record.
      const cold = dynamoAuthBetterAuth({ transport: counted, ...table, scan: "refuse" })({
        plugins: [passkey()],
      })
      requests.length = 0
      expect(
        await cold.findOne<Passkey>({
          model: "passkey",
          where: [{ field: "credentialID", value: a.credentialID }],
        }),
      ).toMatchObject({ id: a.id, userId: "user-1", counter: 0 })
      expect(requests).toEqual(["GetItem", "GetItem"])
      const listed = await adapter.findMany<Passkey>({
        model: "passkey",
        where: [{ field: "userId", value: "user-1" }],
      })
      expect(listed.map((p) => p.id).sort()).toEqual([a.id, b.id].sort())

      // verify-authentication's counter update, by id.
      await adapter.update({
        model: "passkey",
        where: [{ field: "id", value: a.id }],
        update: { counter: 7 },
      })
      expect(
        await adapter.findOne<Passkey>({
          model: "passkey",
          where: [{ field: "credentialID", value: a.credentialID }],
        }),
      ).toMatchObject({ id: a.id, counter: 7 })

      // One credential, one owner: a second registration of it is refused.
      await expect(
        adapter.create({ model: "passkey", data: newPasskey("user-2", a.credentialID) }),
      ).rejects.toMatchObject({ code: "DUPLICATE_VALUE" })

      await adapter.delete({ model: "passkey", where: [{ field: "id", value: a.id }] })
      expect(
        await adapter.findOne({
          model: "passkey",
          where: [{ field: "credentialID", value: a.credentialID }],
        }),
      ).toBeNull()
      const left = (await scanAll(transport, table.tableName)).map((i) => unmarshallItem(i as any))
      // b's record, member and claim; a's are all gone.
      expect(left.map((i) => i.pk).sort()).toEqual(
        [
          `passkey#${b.id}`,
          "passkey#userId#user-1",
          `passkey#credentialID#${b.credentialID}`,
        ].sort(),
      )
    })

    it("lists and deletes the signed-in user's passkeys through the plugin's endpoints", async () => {
      const { auth, adapter } = await setup()
      const call = (path: string, init?: { body?: unknown; cookie?: string }) =>
        callBetterAuth(auth, path, init)
      const email = `pk-${crypto.randomUUID()}@example.com`
      const signUp = await call("/sign-up/email", {
        body: { email, password: "correct horse battery", name: "Pat" },
      })
      const userId = signUp.json.user.id
      const created = await adapter.create<ReturnType<typeof newPasskey>, Passkey>({
        model: "passkey",
        data: newPasskey(userId),
      })
      const list = await call("/passkey/list-user-passkeys", { cookie: signUp.cookie })
      expect(list.status).toBe(200)
      expect(list.json).toMatchObject([{ id: created.id, credentialID: created.credentialID }])
      const removed = await call("/passkey/delete-passkey", {
        body: { id: created.id },
        cookie: signUp.cookie,
      })
      expect(removed.status).toBe(200)
      expect((await call("/passkey/list-user-passkeys", { cookie: signUp.cookie })).json).toEqual(
        [],
      )
    })
  })
}
