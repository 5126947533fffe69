/**
 * Better Auth's `adapter.transaction` on this adapter: the callback's writes commit together or
 * not at all, reads inside it see them, and a transaction larger than DynamoDB takes at once
 * (a user with 60 sessions and 5 accounts deleted) is written in steps that each leave a state the
 * adapter treats as consistent, so that running it again completes it — checked with a fault at
 * each step, through the fault proxy that `control` drives. Web APIs only: transactions.test.ts
 * runs it on Node (both transports), workerd/transactions.test.ts inside workerd.
 */
import type { Transport } from "@dynamoauth/core"
import type { AsyncFaultProxyControls } from "@dynamoauth/testing/fault-proxy-remote"
import { describe, expect, it } from "vitest"
import { dynamoAuthBetterAuth } from "../../src/index.js"
import { countingTransport, freshTable } from "../edge.js"
import { faultAtWrite, itemsOf } from "./faults.js"

type Adapter = ReturnType<ReturnType<typeof dynamoAuthBetterAuth>>
type Row = Record<string, any>

export function defineTransactionsSuite(
  label: string,
  transport: Transport,
  control: AsyncFaultProxyControls,
): void {
  describe(label, () => {
    const setup = async (send: Transport = transport) => {
      const table = await freshTable(transport)
      const adapter = dynamoAuthBetterAuth({ transport: send, ...table, scan: "refuse" })({
        rateLimit: { storage: "database" },
      })
      return { table, adapter }
    }
    const user = (email: string) => ({
      name: "Ada",
      email,
      emailVerified: false,
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    const account = (userId: string, providerId: string) => ({
      userId,
      providerId,
      accountId: `${providerId}-${userId}`,
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    const session = (userId: string) => ({
      userId,
      token: crypto.randomUUID(),
      expiresAt: new Date(Date.now() + 3_600_000),
      createdAt: new Date(),
      updatedAt: new Date(),
    })
    const byEmail = (email: string) => [{ field: "email", value: email }]
    const byId = (id: string) => [{ field: "id", value: id }]
    /** All a deleted user leaves: its tombstone (key, `_leaving`, TTL), which refuses what would belong to it. */
    const tombstoneOf = (userId: string) => ({
      pk: `user#${userId}`,
      sk: `user#${userId}`,
      _leaving: expect.any(Number),
      expires: expect.any(Number),
    })

    it("commits the callback's writes in one TransactWriteItems; reads inside see them", async () => {
      const table = await freshTable(transport)
      const { counted, requests } = countingTransport(transport)
      const adapter = dynamoAuthBetterAuth({ transport: counted, ...table, scan: "refuse" })({})
      const email = `tx-${crypto.randomUUID()}@example.com`
      const result = await adapter.transaction(async (tx) => {
        const created = await tx.create<Row, Row>({ model: "user", data: user(email) })
        expect(await tx.findOne<Row>({ model: "user", where: byEmail(email) })).toMatchObject({
          id: created.id,
        })
        await tx.create({ model: "account", data: account(created.id, "credential") })
        await tx.create({ model: "session", data: session(created.id) })
        const where = [{ field: "userId", value: created.id }]
        expect(await tx.findMany({ model: "session", where })).toHaveLength(1)
        expect(await tx.count({ model: "account", where })).toBe(1)
        await tx.update({
          model: "user",
          where: [{ field: "id", value: created.id }],
          update: { name: "Grace" },
        })
        expect(await tx.findOne<Row>({ model: "user", where: byEmail(email) })).toMatchObject({
          name: "Grace",
        })
        // Nothing is in the table yet.
        expect(requests.filter((op) => op !== "GetItem" && op !== "Query")).toEqual([])
        return created.id as string
      })
      expect(requests.filter((op) => op === "TransactWriteItems")).toHaveLength(1)
      expect(await adapter.findOne<Row>({ model: "user", where: byEmail(email) })).toMatchObject({
        id: result,
        name: "Grace",
      })
      const where = [{ field: "userId", value: result }]
      expect(await adapter.findMany({ model: "session", where })).toHaveLength(1)
      expect(await adapter.findMany({ model: "account", where })).toHaveLength(1)
    })

    it("a session written while its user's delete runs goes with the user", async () => {
      const { table, adapter } = await setup()
      const userId = await passwordUser(adapter)
      const where = [{ field: "userId", value: userId }]
      // A delete-user as one transaction: the user's sessions and accounts are read, then deleted
      // with the user at the commit. A sign-in on another server writes a session in between.
      await adapter.transaction(async (tx) => {
        await tx.deleteMany({ model: "session", where })
        await tx.deleteMany({ model: "account", where })
        await tx.delete({ model: "user", where: [{ field: "id", value: userId }] })
        await adapter.create({ model: "session", data: session(userId) })
      })
      expect(await itemsOf(transport, table.tableName)).toEqual([tombstoneOf(userId)])
    })

    it("a session written between delete-user's steps goes with the user", async () => {
      const { table, adapter } = await setup()
      const userId = await passwordUser(adapter)
      const where = [{ field: "userId", value: userId }]
      // Better Auth 1.7's delete-user, one step after another: sessions, accounts, the user. A
      // sign-in on another server writes a session after the first step (found by the chaos run:
      // the session outlived its user).
      await adapter.deleteMany({ model: "session", where })
      await adapter.create({ model: "session", data: session(userId) })
      await adapter.deleteMany({ model: "account", where })
      await adapter.delete({ model: "user", where: [{ field: "id", value: userId }] })
      expect(await itemsOf(transport, table.tableName)).toEqual([tombstoneOf(userId)])
    })

    it("writes nothing when the callback throws", async () => {
      const { table, adapter } = await setup()
      const email = `tx-${crypto.randomUUID()}@example.com`
      await expect(
        adapter.transaction(async (tx) => {
          const created = await tx.create<Row, Row>({ model: "user", data: user(email) })
          await tx.create({ model: "account", data: account(created.id, "credential") })
          throw new Error("the hook refused")
        }),
      ).rejects.toThrow("the hook refused")
      expect(await itemsOf(transport, table.tableName)).toEqual([])
    })

    it("puts back what consumeOne took when the transaction then fails", async () => {
      const { adapter } = await setup()
      const identifier = `otp:${crypto.randomUUID()}`
      const data = { identifier, value: "123456", expiresAt: new Date(Date.now() + 60_000) }
      const created = await adapter.create<Row, Row>({ model: "verification", data })
      const where = [{ field: "identifier", value: identifier }]
      await expect(
        adapter.transaction(async (tx) => {
          const row = await tx.consumeOne<Row>({ model: "verification", where })
          expect(row).toMatchObject({ id: created.id })
          // Of concurrent consumers only one wins, inside a transaction too.
          expect(await adapter.consumeOne({ model: "verification", where })).toBeNull()
          expect(await tx.findMany({ model: "verification", where })).toEqual([])
          throw new Error("then something failed")
        }),
      ).rejects.toThrow("then something failed")
      expect(await adapter.findMany<Row>({ model: "verification", where })).toMatchObject([
        { id: created.id, value: "123456" },
      ])
    })

    it("fails with CONFLICT and writes nothing when a record it changed was changed meanwhile", async () => {
      const { table, adapter } = await setup()
      await adapter.create({ model: "rateLimit", data: { key: "ip:1", count: 1, lastRequest: 1 } })
      const before = await itemsOf(transport, table.tableName)
      const where = [{ field: "key", value: "ip:1" }]
      await expect(
        adapter.transaction(async (tx) => {
          const row = await tx.incrementOne<Row>({
            model: "rateLimit",
            where,
            increment: { count: 1 },
          })
          expect(row?.count).toBe(2)
          await tx.create({ model: "user", data: user(`c-${crypto.randomUUID()}@example.com`) })
          // Another server counts the same row before this transaction commits.
          await adapter.incrementOne({ model: "rateLimit", where, increment: { count: 1 } })
        }),
      ).rejects.toMatchObject({ code: "CONFLICT" })
      const after = await itemsOf(transport, table.tableName)
      expect(after.filter((i) => i._m === "user")).toEqual([])
      expect(after).toHaveLength(before.length)
      expect((await adapter.findOne<Row>({ model: "rateLimit", where }))?.count).toBe(2)
    })

    it("fails with DUPLICATE_VALUE and writes nothing when another server took its email first", async () => {
      const { table, adapter } = await setup()
      const email = `dup-${crypto.randomUUID()}@example.com`
      let created: Row | undefined
      await expect(
        adapter.transaction(async (tx) => {
          created = await tx.create<Row, Row>({ model: "user", data: user(email) })
          await tx.create({ model: "account", data: account(created.id, "credential") })
          await adapter.create({ model: "user", data: user(email) })
        }),
      ).rejects.toMatchObject({ code: "DUPLICATE_VALUE" })
      const items = await itemsOf(transport, table.tableName)
      expect(items.filter((i) => i.id === created!.id || i.userId === created!.id)).toEqual([])
    })

    /** A user with its password's account, as email sign-up leaves it. */
    async function passwordUser(adapter: Adapter) {
      const created = await adapter.create<Row, Row>({
        model: "user",
        data: user(`tx-${crypto.randomUUID()}@example.com`),
      })
      await adapter.create({ model: "account", data: account(created.id, "credential") })
      return created.id as string
    }

    /** A user with 60 sessions and 5 accounts (one of them the password's), as Better Auth stores them. */
    async function bigUser(adapter: Adapter) {
      const created = await adapter.create<Row, Row>({
        model: "user",
        data: user(`big-${crypto.randomUUID()}@example.com`),
      })
      for (const provider of ["credential", "github", "google", "apple", "gitlab"]) {
        await adapter.create({ model: "account", data: account(created.id, provider) })
      }
      for (let i = 0; i < 60; i++)
        await adapter.create({ model: "session", data: session(created.id) })
      return created.id as string
    }

    /** What Better Auth's deleteUser does inside its transaction (1.7.29): sessions, accounts, the user. */
    const deleteUser = (adapter: Adapter, userId: string) =>
      adapter.transaction(async (tx) => {
        const where = [{ field: "userId", value: userId }]
        await tx.deleteMany({ model: "session", where })
        await tx.deleteMany({ model: "account", where })
        await tx.deleteMany({ model: "user", where: [{ field: "id", value: userId }] })
        expect(
          await tx.findOne({ model: "user", where: [{ field: "id", value: userId }] }),
        ).toBeNull()
      })

    it("deletes a user with 60 sessions and 5 accounts in steps of at most 100 actions", async () => {
      const table = await freshTable(transport)
      const { counted, requests } = countingTransport(transport)
      const adapter = dynamoAuthBetterAuth({ transport: counted, ...table, scan: "refuse" })({})
      const userId = await bigUser(adapter)
      requests.length = 0
      await deleteUser(adapter, userId)
      expect(requests.filter((op) => op === "TransactWriteItems")).toHaveLength(2)
      expect(await itemsOf(transport, table.tableName)).toEqual([tombstoneOf(userId)])
    })

    it("a fault at each step of that delete leaves the user whole or gone, and running it again completes", async () => {
      // Step 1 marks the user leaving, steps 2 and 3 are the two transactions.
      for (let step = 1; step <= 3; step++) {
        const faulty = faultAtWrite(transport, control, step)
        const { table, adapter } = await setup(faulty.transport)
        const userId = await bigUser(adapter)
        faulty.arm()
        await expect(deleteUser(adapter, userId)).rejects.toBeTruthy()
        await faulty.disarm()
        const items = await itemsOf(transport, table.tableName)
        const userItem = items.find((i) => i._m === "user")
        const accounts = items.filter((i) => i._m === "account")
        if (userItem) {
          // The user still has every account (its password's included) and its email claim.
          expect(accounts).toHaveLength(5)
          expect(items.some((i) => i._claim === "user" && i._ref === userId)).toBe(true)
          // Marked (steps 2 and 3): gone to reads, and nothing new is written under it.
          expect(userItem._leaving !== undefined).toBe(step > 1)
          if (step > 1) {
            expect(await adapter.findOne({ model: "user", where: byId(userId) })).toBeNull()
            await expect(
              adapter.create({ model: "session", data: session(userId) }),
            ).rejects.toMatchObject({ code: "NOT_FOUND" })
          }
        } else expect(accounts).toEqual([])
        // The first transaction ends sessions only; the last one commits together or not at all.
        expect(items.filter((i) => i._m === "session").length).toBe(step < 3 ? 60 : 27)
        await deleteUser(adapter, userId)
        expect(await itemsOf(transport, table.tableName)).toEqual([tombstoneOf(userId)])
      }
    })

    it("a session or account prepared before delete-user and written after it is refused", async () => {
      const { table, adapter } = await setup()
      for (const remove of [
        (userId: string) => adapter.delete({ model: "user", where: byId(userId) }),
        (userId: string) => deleteUser(adapter, userId),
      ]) {
        const userId = await passwordUser(adapter)
        // A sign-in on another server read the user before the delete; its writes arrive after.
        await remove(userId)
        await expect(
          adapter.create({ model: "session", data: session(userId) }),
        ).rejects.toMatchObject({ code: "NOT_FOUND" })
        await expect(
          adapter.create({ model: "account", data: account(userId, "github") }),
        ).rejects.toMatchObject({ code: "NOT_FOUND" })
        await expect(
          adapter.transaction(async (tx) => {
            await tx.create({ model: "account", data: account(userId, "google") })
          }),
        ).rejects.toMatchObject({ code: "CONFLICT" })
        const items = await itemsOf(transport, table.tableName)
        expect(items.filter((i) => i.userId === userId || i._ref === userId)).toEqual([])
      }
    })

    it("a session written after delete-user marked the user, before it read the user's records, is refused", async () => {
      const table = await freshTable(transport)
      let userId = ""
      let written: Promise<unknown> | undefined
      const other = dynamoAuthBetterAuth({ transport, ...table, scan: "refuse" })({})
      // Another server's sign-in writes its session right after the mark (the first write).
      const racing: Transport = {
        async send(operation, input, options) {
          const output = await transport.send(operation, input, options)
          if (operation === "UpdateItem" && userId && !written) {
            written = other.create({ model: "session", data: session(userId) })
            await written.catch(() => {})
          }
          return output
        },
      }
      const adapter = dynamoAuthBetterAuth({ transport: racing, ...table, scan: "refuse" })({})
      userId = await passwordUser(adapter)
      await deleteUser(adapter, userId)
      await expect(written).rejects.toMatchObject({ code: "NOT_FOUND" })
      expect(await itemsOf(transport, table.tableName)).toEqual([tombstoneOf(userId)])
    })

    it("a delete-user that failed after the mark is completed by the next sign-up with the email", async () => {
      const faulty = faultAtWrite(transport, control, 2)
      const { table, adapter } = await setup(faulty.transport)
      const email = `again-${crypto.randomUUID()}@example.com`
      const old = await adapter.create<Row, Row>({ model: "user", data: user(email) })
      await adapter.create({ model: "account", data: account(old.id, "credential") })
      await adapter.create({ model: "session", data: session(old.id) })
      faulty.arm()
      await expect(deleteUser(adapter, old.id)).rejects.toBeTruthy()
      await faulty.disarm()
      expect(await adapter.findOne({ model: "user", where: byEmail(email) })).toBeNull()
      // Signing up again with the email: the claim's holder is leaving, so its delete is finished.
      const created = await adapter.create<Row, Row>({ model: "user", data: user(email) })
      expect(await adapter.findOne<Row>({ model: "user", where: byEmail(email) })).toMatchObject({
        id: created.id,
      })
      const items = await itemsOf(transport, table.tableName)
      expect(items.filter((i) => i.userId === old.id || i._ref === old.id)).toEqual([])
      expect(items).toContainEqual(tombstoneOf(old.id))
    })

    it("writes one check of the user for two sessions of it in one transaction", async () => {
      const { adapter } = await setup()
      const userId = await passwordUser(adapter)
      await adapter.transaction(async (tx) => {
        await tx.create({ model: "session", data: session(userId) })
        await tx.create({ model: "session", data: session(userId) })
      })
      const where = [{ field: "userId", value: userId }]
      expect(await adapter.findMany({ model: "session", where })).toHaveLength(2)
    })
  })
}
