/**
 * consumeOne and incrementOne are exact under concurrency: 20 callers at once on one row, through
 * Better Auth's adapter factory, on one transport. Web APIs only: atomic.test.ts runs it on Node
 * (both transports), workerd/atomic.test.ts inside workerd.
 */
import type { Transport } from "@dynamoauth/core"
import { unmarshallItem } from "@dynamoauth/core/internal"
import { scanAll } from "@dynamoauth/testing/contract"
import { describe, expect, it } from "vitest"
import { dynamoAuthBetterAuth } from "../../src/index.js"
import { countingTransport, freshTable } from "../edge.js"

const CALLERS = 20

export function defineAtomicSuite(label: string, transport: Transport): void {
  describe(label, () => {
    const setup = async () => {
      const table = await freshTable(transport)
      const adapter = dynamoAuthBetterAuth({ transport, ...table, scan: "refuse" })({
        rateLimit: { storage: "database" },
      })
      return { table, adapter }
    }

    it(`of ${CALLERS} concurrent consumeOne calls on one verification, exactly one gets it`, async () => {
      const { adapter, table } = await setup()
      const created = await adapter.create<Record<string, unknown>, { id: string }>({
        model: "verification",
        data: {
          identifier: "otp:a@example.com",
          value: "123456",
          expiresAt: new Date(Date.now() + 60_000),
        },
      })
      const results = await Promise.all(
        Array.from({ length: CALLERS }, () =>
          adapter.consumeOne<{ id: string; value: string }>({
            model: "verification",
            where: [{ field: "id", value: created.id }],
          }),
        ),
      )
      const winners = results.filter(Boolean)
      expect(winners).toHaveLength(1)
      expect(winners[0]).toMatchObject({ id: created.id, value: "123456" })
      expect(await scanAll(transport, table.tableName)).toEqual([])
    })

    it(`${CALLERS} concurrent incrementOne calls by 1 add exactly ${CALLERS}`, async () => {
      const { adapter } = await setup()
      await adapter.create({ model: "rateLimit", data: { key: "ip:1", count: 0, lastRequest: 1 } })
      const results = await Promise.all(
        Array.from({ length: CALLERS }, (_, i) =>
          adapter.incrementOne<{ count: number }>({
            model: "rateLimit",
            where: [{ field: "key", value: "ip:1" }],
            increment: { count: 1 },
            set: { lastRequest: i + 2 },
          }),
        ),
      )
      expect(results.every(Boolean)).toBe(true)
      // Each caller saw a distinct count: the increments were serialised, none lost.
      expect(new Set(results.map((r) => r!.count)).size).toBe(CALLERS)
      const row = await adapter.findOne<{ count: number }>({
        model: "rateLimit",
        where: [{ field: "key", value: "ip:1" }],
      })
      expect(row!.count).toBe(CALLERS)
    })

    it(`a guarded incrementOne (count < 5) lets exactly 5 of ${CALLERS} concurrent callers through`, async () => {
      const { adapter } = await setup()
      await adapter.create({ model: "rateLimit", data: { key: "ip:2", count: 0, lastRequest: 1 } })
      const results = await Promise.all(
        Array.from({ length: CALLERS }, () =>
          adapter.incrementOne<{ count: number }>({
            model: "rateLimit",
            where: [
              { field: "key", value: "ip:2" },
              { field: "count", value: 5, operator: "lt" },
            ],
            increment: { count: 1 },
          }),
        ),
      )
      expect(results.filter(Boolean)).toHaveLength(5)
      const row = await adapter.findOne<{ count: number }>({
        model: "rateLimit",
        where: [{ field: "key", value: "ip:2" }],
      })
      expect(row!.count).toBe(5)
    })

    it(`after a read, incrementOne is one UpdateItem; of ${CALLERS} concurrent guarded ones exactly 5 pass, and a stale prediction reads again`, async () => {
      const table = await freshTable(transport)
      const options = { rateLimit: { storage: "database" as const } }
      const a = countingTransport(transport)
      const adapter = dynamoAuthBetterAuth({ transport: a.counted, ...table })(options)
      // Another server: nothing it writes is known to the first.
      const other = dynamoAuthBetterAuth({ transport, ...table })(options)
      const key = [{ field: "key", value: "ip:3" }]
      const guarded = (max: number) => [
        ...key,
        { field: "count", value: max, operator: "lt" as const },
      ]
      const lastRequest = Date.now()
      await adapter.create({ model: "rateLimit", data: { key: "ip:3", count: 0, lastRequest } })
      await adapter.findMany({ model: "rateLimit", where: key })
      a.requests.length = 0
      const one = await adapter.incrementOne<{ count: number }>({
        model: "rateLimit",
        where: guarded(5),
        increment: { count: 1 },
        set: { lastRequest },
      })
      expect(one?.count).toBe(1)
      expect(a.requests).toEqual(["UpdateItem"])

      // Every caller predicts the guard holds and writes straight away; DynamoDB decides.
      const results = await Promise.all(
        Array.from({ length: CALLERS }, () =>
          adapter.incrementOne<{ count: number }>({
            model: "rateLimit",
            where: guarded(6),
            increment: { count: 1 },
          }),
        ),
      )
      expect(results.filter(Boolean)).toHaveLength(5)
      expect(
        (await other.findOne<{ count: number }>({ model: "rateLimit", where: key }))!.count,
      ).toBe(6)

      // Another server resets the row: the remembered count (6) is stale, and it is never the answer.
      await adapter.findMany({ model: "rateLimit", where: key })
      await other.update({ model: "rateLimit", where: key, update: { count: 9 } })
      a.requests.length = 0
      const over = () =>
        adapter.incrementOne({ model: "rateLimit", where: guarded(8), increment: { count: 1 } })
      expect(await over()).toBeNull()
      // Tried straight away (6 < 8), refused by DynamoDB, then read afresh: 9, no match.
      expect(a.requests).toEqual(["UpdateItem", "GetItem"])
      a.requests.length = 0
      expect(await over()).toBeNull()
      expect(a.requests).toEqual(["GetItem"]) // the last read predicts no match: read first, no write
      await other.update({ model: "rateLimit", where: key, update: { count: null } })
      a.requests.length = 0
      // Predicted a number; the counter is now null: the condition fails, then a fresh read counts from 0.
      const fromNull = await adapter.incrementOne<{ count: number }>({
        model: "rateLimit",
        where: key,
        increment: { count: 1 },
      })
      expect(fromNull?.count).toBe(1)
      expect(a.requests).toEqual(["UpdateItem", "GetItem", "UpdateItem"])

      // A last request an hour later moves the row's TTL and so its claim's: a read, one transaction
      // (record and claim), and the record read back (a transaction returns nothing).
      a.requests.length = 0
      const later = lastRequest + 3_600_000
      await adapter.incrementOne({
        model: "rateLimit",
        where: key,
        increment: { count: 1 },
        set: { lastRequest: later },
      })
      expect(a.requests).toEqual(["GetItem", "TransactWriteItems", "GetItem"])
      const items = (await scanAll(transport, table.tableName)).map((i) => unmarshallItem(i as any))
      expect(new Set(items.map((i) => i.expires)).size).toBe(1)
      expect(items.find((i) => i.count !== undefined)).toMatchObject({
        count: 2,
        lastRequest: later,
      })
    })

    it("stores records, claims, index and TTL attributes as docs/layout.md says", async () => {
      const { adapter, table } = await setup()
      const user = await adapter.create<{ id: string }>({
        model: "user",
        data: {
          name: "A",
          email: "a#1@example.com",
          emailVerified: false,
          createdAt: new Date(),
          updatedAt: new Date(),
        },
      })
      const expiresAt = new Date("2030-01-01T00:00:00.000Z")
      const session = await adapter.create<{ id: string }>({
        model: "session",
        data: {
          userId: user.id,
          token: "tok",
          expiresAt,
          createdAt: new Date(),
          updatedAt: new Date(),
        },
      })
      const items = (await scanAll(transport, table.tableName)).map((i) => unmarshallItem(i as any))
      const byPk = Object.fromEntries(items.map((i) => [i.pk as string, i]))
      expect(Object.keys(byPk).sort()).toEqual(
        [
          `user#${user.id}`,
          "user#email#a%231@example.com",
          `session#${session.id}`,
          "session#token#tok",
          `session#userId#${user.id}`,
        ].sort(),
      )
      expect(byPk[`session#${session.id}`]).toMatchObject({
        sk: `session#${session.id}`,
        _m: "session",
        expires: expiresAt.getTime() / 1000,
        expiresAt: expiresAt.toISOString(),
      })
      // No index attributes: lists by userId read the member items, strongly consistently.
      expect(byPk[`session#${session.id}`]).not.toHaveProperty("GSI1PK")
      expect(byPk["session#token#tok"]).toEqual({
        pk: "session#token#tok",
        sk: "session#token#tok",
        _claim: "session",
        _ref: session.id,
        userId: user.id,
        expires: expiresAt.getTime() / 1000,
      })
      expect(byPk[`session#userId#${user.id}`]).toEqual({
        pk: `session#userId#${user.id}`,
        sk: `session#${session.id}`,
        _member: "session",
        _ref: session.id,
        expires: expiresAt.getTime() / 1000,
      })
      // A second user with the same email is refused; nothing of it is written.
      await expect(
        adapter.create({
          model: "user",
          data: {
            name: "B",
            email: "a#1@example.com",
            emailVerified: false,
            createdAt: new Date(),
            updatedAt: new Date(),
          },
        }),
      ).rejects.toMatchObject({ code: "DUPLICATE_VALUE" })
      expect(await scanAll(transport, table.tableName)).toHaveLength(5)
    })

    it("moves the claim's and member's expiry with the session's, so TTL never drops them first", async () => {
      const { adapter, table } = await setup()
      const expiresAt = new Date("2030-01-01T00:00:00.000Z")
      const session = await adapter.create<Record<string, unknown>, { id: string }>({
        model: "session",
        data: {
          userId: "u1",
          token: "t1",
          expiresAt,
          createdAt: new Date(),
          updatedAt: new Date(),
        },
      })
      const later = new Date("2030-02-01T00:00:00.000Z")
      await adapter.update({
        model: "session",
        where: [{ field: "token", value: "t1" }],
        update: { expiresAt: later },
      })
      const items = (await scanAll(transport, table.tableName)).map((i) => unmarshallItem(i as any))
      expect(items).toHaveLength(3)
      for (const item of items) expect(item.expires).toBe(later.getTime() / 1000)
      // A new owner moves the member to the new owner's partition, in the same transaction.
      await adapter.update({
        model: "session",
        where: [{ field: "id", value: session.id }],
        update: { userId: "u2" },
      })
      const moved = (await scanAll(transport, table.tableName)).map((i) => unmarshallItem(i as any))
      expect(moved.map((i) => i.pk).sort()).toEqual(
        [`session#${session.id}`, "session#token#t1", "session#userId#u2"].sort(),
      )
      expect(moved.find((i) => i.pk === "session#token#t1")).toMatchObject({ userId: "u2" })
      await adapter.delete({ model: "session", where: [{ field: "id", value: session.id }] })
      expect(await scanAll(transport, table.tableName)).toEqual([])
    })

    it("a value past DynamoDB's key limits: found nowhere without a request, refused as a write, nothing written", async () => {
      const table = await freshTable(transport)
      const { counted, requests } = countingTransport(transport)
      const adapter = dynamoAuthBetterAuth({ transport: counted, ...table, scan: "refuse" })({})
      const email = `${"a".repeat(3000)}@example.com`
      expect(
        await adapter.findOne({ model: "user", where: [{ field: "email", value: email }] }),
      ).toBeNull()
      expect(
        await adapter.findOne({ model: "user", where: [{ field: "id", value: email }] }),
      ).toBeNull()
      expect(
        await adapter.findMany({ model: "session", where: [{ field: "userId", value: email }] }),
      ).toEqual([])
      expect(requests).toEqual([])
      const data = {
        name: "A",
        email,
        emailVerified: false,
        createdAt: new Date(),
        updatedAt: new Date(),
      }
      const refused = adapter.create({ model: "user", data })
      await expect(refused).rejects.toMatchObject({ code: "INVALID_INPUT" })
      const message = (await refused.catch((e: Error) => e.message)) as string
      expect(message).toContain("user.email")
      expect(message).toMatch(/over DynamoDB.s 2048-byte key limit/)
      expect(message).not.toContain("aaaa")
      expect(requests).toEqual([])
      expect(await scanAll(transport, table.tableName)).toEqual([])
    })

    it('refuses a query that would scan when scan is "refuse", and names the shape, not the values', async () => {
      const { adapter } = await setup()
      const error = await adapter
        .findMany({ model: "user", where: [{ field: "name", value: "secret-name" }] })
        .catch((e) => e)
      expect(error).toMatchObject({ code: "SCAN_REFUSED" })
      expect(String(error.message)).toContain("name eq")
      expect(String(error.message)).not.toContain("secret-name")
    })
  })
}
