/**
 * The migration against a misbehaving DynamoDB (throttling, 5xx, dropped
 * connections, answers lost after the write happened) and against an app
 * that writes to the same items while the migration runs.
 */
import type { AttributeMap, Transport } from "@dynamoauth/core"
import { type FaultProxy, startFaultProxy } from "@dynamoauth/testing/fault-proxy"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { planMigration, runMigration, verifyMigration } from "../src/index.js"
import { createLegacyWriter } from "./fixtures/legacy-writer.js"
import { CREDENTIALS, canonical, dumpTable, endpoint, transportFor } from "./helpers/env.js"
import { createLegacyTable, expectedDump } from "./helpers/legacy-table.js"

const direct = transportFor()
// Fast backoff so the test stays quick; enough attempts that 30% faults never exhaust them.
const retry = { attempts: 14, baseMs: 5, capMs: 40 }

describe("through the fault proxy", () => {
  let proxy: FaultProxy
  beforeAll(async () => {
    proxy = await startFaultProxy({ target: endpoint(), seed: 7 })
  })
  afterAll(() => proxy.close())

  it("finishes with the exact expected table despite throttling, 500s and resets", async () => {
    const table = await createLegacyTable(direct, 20)
    // The SDK's own retries are off (1 attempt): every fault reaches the migration's retry loop.
    const faulty = transportFor(proxy.endpoint, 1)
    proxy.resetCounts()
    proxy.setFaults({
      throttleRate: 0.1,
      serverErrorRate: 0.05,
      resetRate: 0.05,
      resetAfterForwardRate: 0.1,
    })
    const planned = await planMigration({ transport: direct, ...table.options })
    const run = await runMigration({
      transport: faulty,
      ...table.options,
      retry,
      pageSize: 8,
      batchSize: 5,
    })
    proxy.clearFaults()
    const injected = proxy.injected()
    expect(injected.throttle).toBeGreaterThan(0)
    expect(injected.reset).toBeGreaterThan(0)
    expect(injected.resetAfterForward).toBeGreaterThan(0)
    expect(run.retries).toBeGreaterThan(0)
    expect(run.throttled).toBeGreaterThan(0)
    expect(run.ok).toBe(true)
    expect(run.failed).toBe(0)
    // Writes whose answer was lost are recognised as ours when re-read: the counts stay exact.
    expect(run.migrated).toBe(planned.migrated)
    expect(run.changes).toEqual(planned.changes)
    expect(run.conflicts).toBe(0)
    expect(await dumpTable(direct, table.tableName)).toEqual(expectedDump(table))
    expect((await verifyMigration({ transport: direct, ...table.options })).ok).toBe(true)
  })

  it("writes every claim despite faults; a claim whose answer was lost is recognised as ours", async () => {
    const table = await createLegacyTable(direct, 12)
    const faulty = transportFor(proxy.endpoint, 1)
    const planned = await planMigration({ transport: direct, ...table.options, claims: true })
    const needed = planned.claims.missing!
    expect(needed).toBeGreaterThan(12)
    proxy.resetCounts()
    proxy.setFaults({ throttleRate: 0.1, resetRate: 0.05, resetAfterForwardRate: 0.15 })
    const run = await runMigration({
      transport: faulty,
      ...table.options,
      claims: true,
      retry,
      pageSize: 8,
    })
    proxy.clearFaults()
    expect(proxy.injected().resetAfterForward).toBeGreaterThan(0)
    expect(run.retries).toBeGreaterThan(0)
    expect(run.ok).toBe(true)
    expect(run.claims.taken ?? 0).toBe(0)
    // Written, or found already ours after a lost answer: together, every missing claim.
    expect((run.claims.written ?? 0) + (run.claims.present ?? 0)).toBe(needed)
    const verify = await verifyMigration({ transport: direct, ...table.options, claims: true })
    expect(verify.ok).toBe(true)
    expect(verify.claims).toEqual({ present: needed })
  })

  it("keeps to a request rate limit", async () => {
    const table = await createLegacyTable(direct, 10)
    const through = transportFor(proxy.endpoint)
    proxy.resetCounts()
    const started = Date.now()
    const run = await runMigration({
      transport: through,
      ...table.options,
      pageSize: 5,
      batchSize: 1,
      rateLimit: { requestsPerSecond: 20 },
    })
    const seconds = (Date.now() - started) / 1000
    expect(run.ok).toBe(true)
    // A full bucket allows one second's burst; after that, 20 per second at most.
    expect(proxy.total()).toBeLessThanOrEqual(20 * (seconds + 1))
    expect(proxy.total()).toBeGreaterThan(40)
  })

  it("keeps to a write unit limit, counted as DynamoDB reports them", async () => {
    const table = await createLegacyTable(direct, 10)
    const perSecond = 30
    const started = Date.now()
    const run = await runMigration({
      transport: direct,
      ...table.options,
      pageSize: 5,
      rateLimit: { writeUnitsPerSecond: perSecond },
    })
    const seconds = (Date.now() - started) / 1000
    expect(run.ok).toBe(true)
    const { writeUnits } = run.consumedCapacity
    expect(writeUnits).toBeGreaterThan(3 * perSecond)
    // A full bucket allows one second's burst; the last write may borrow what one write costs.
    expect(writeUnits).toBeLessThanOrEqual(perSecond * (seconds + 1) + 4)
  })

  it("stops with the table's error code when DynamoDB keeps throttling", async () => {
    const table = await createLegacyTable(direct, 2)
    proxy.setFaults({ throttleRate: 1, operations: ["Scan"] })
    try {
      await expect(
        runMigration({
          transport: transportFor(proxy.endpoint, 1),
          ...table.options,
          retry: { attempts: 3, baseMs: 1, capMs: 2 },
        }),
      ).rejects.toMatchObject({
        code: "THROTTLED",
        operation: "migrate.run",
        awsErrorName: "ProvisionedThroughputExceededException",
      })
    } finally {
      proxy.clearFaults()
    }
  })
})

describe("with the app writing at the same time", () => {
  it("never overwrites a concurrent write: it re-reads, migrates the new value, or leaves deleted items deleted", async () => {
    const table = await createLegacyTable(direct, 12)
    const app = createLegacyWriter({
      endpoint: endpoint(),
      tableName: table.tableName,
      credentials: CREDENTIALS,
    })
    const model = new Map(
      table.before.map((item) => [canonical(keyOf(item)), structuredClone(item)]),
    )
    const appWrites: string[] = []

    // Just before each of the first writes is sent, the app changes the (first) item it writes.
    let transactions = 0
    const interleaved: Transport = {
      async send(operation, input, options) {
        const write = operation === "UpdateItem" || operation === "TransactWriteItems"
        if (write && transactions++ < 12) {
          const key =
            operation === "UpdateItem" ? (input.Key as AttributeMap) : firstKey(input.TransactItems)
          const item = key && model.get(canonical(key))
          if (item) appWrites.push(await appWrite(app, item, model, transactions))
        }
        return direct.send(operation, input, options)
      },
    }
    const run = await runMigration({
      transport: interleaved,
      ...table.options,
      totalSegments: 2,
      batchSize: 4,
      pageSize: 10,
    })
    expect(run.ok).toBe(true)
    // (A transaction whose first item the app had already deleted brings no new app write.)
    expect(appWrites.length).toBeGreaterThanOrEqual(8)
    // Changes to what the migration reads (expires) or deletes make its write fail and re-read; a
    // change to another attribute (note) does not need to: the update only sets what it migrates.
    expect(run.conflicts).toBeGreaterThanOrEqual(
      appWrites.filter((w) => w === "delete" || w === "expires").length,
    )
    expect(appWrites).toEqual(expect.arrayContaining(["note", "expires", "delete"]))
    expect(run.vanished).toBe(appWrites.filter((w) => w === "delete").length)
    // The table is the migration of what the app left: none of its writes was lost or undone.
    expect(await dumpTable(direct, table.tableName)).toEqual(
      expectedDump({ ...table, before: [...model.values()] }),
    )
    expect((await verifyMigration({ transport: direct, ...table.options })).ok).toBe(true)
  })
})

function keyOf(item: AttributeMap): AttributeMap {
  return { pk: item.pk!, sk: item.sk! }
}

function firstKey(actions: any[]): AttributeMap | undefined {
  const first = actions[0]
  return (
    (first.Update ?? first.Delete ?? first.ConditionCheck)?.Key ??
    (first.Put ? keyOf(first.Put.Item) : undefined)
  )
}

/** What a v3 app does to an item (through the DocumentClient), mirrored in `model`. */
async function appWrite(
  app: ReturnType<typeof createLegacyWriter>,
  item: AttributeMap,
  model: Map<string, AttributeMap>,
  n: number,
): Promise<string> {
  const Key = { pk: (item.pk as { S: string }).S, sk: (item.sk as { S: string }).S }
  const TableName = app.tableName
  const now = new Date(Date.now() + n * 1000).toISOString()
  if (Key.sk.startsWith("SESSION#") || Key.sk.startsWith("VR#")) {
    if (n % 2 === 0) {
      // Sign-out / a used sign-in link.
      await app.client.delete({ TableName, Key }).promise()
      model.delete(canonical(keyOf(item)))
      return "delete"
    }
    // v3 updateSession: a new ISO expiry.
    await app.client
      .update({
        TableName,
        Key,
        UpdateExpression: "set #e = :e, #u = :u",
        ExpressionAttributeNames: { "#e": "expires", "#u": "updatedAt" },
        ExpressionAttributeValues: { ":e": now, ":u": now },
      })
      .promise()
    item.expires = { S: now }
    item.updatedAt = { S: now }
    return "expires"
  }
  if (Key.sk.startsWith("USER#") || Key.sk.startsWith("ACCOUNT#")) {
    await app.client
      .update({
        TableName,
        Key,
        UpdateExpression: "set #n = :n",
        ExpressionAttributeNames: { "#n": "note" },
        ExpressionAttributeValues: { ":n": `app write ${n}` },
      })
      .promise()
    item.note = { S: `app write ${n}` }
    return "note"
  }
  return "none"
}
