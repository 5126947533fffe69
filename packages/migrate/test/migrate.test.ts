/**
 * plan → run → verify on a table written by the real v3-era adapter code
 * paths, then the current adapter reads everything back. Runs against the
 * test run's DynamoDB Local.
 */
import { DynamoDBAdapter as OfficialAdapter } from "@auth/dynamodb-adapter"
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { DynamoDBAdapter } from "@dynamoauth/adapter-edge"
import { createAdapter, createTableInput } from "@dynamoauth/core"
import { beforeAll, describe, expect, it } from "vitest"
import { planMigration, type Report, runMigration, verifyMigration } from "../src/index.js"
import { CREDENTIALS, dumpTable, endpoint, REGION, transportFor } from "./helpers/env.js"
import { createLegacyTable, expectedDump, type LegacyTable } from "./helpers/legacy-table.js"

const USERS = 30
const transport = transportFor()

describe("migrate in place", () => {
  let table: LegacyTable
  let planned: Report
  beforeAll(async () => {
    table = await createLegacyTable(transport, USERS)
  })

  it("plans without writing, counting every legacy change", async () => {
    const before = await dumpTable(transport, table.tableName)
    const plan = await planMigration({ transport, ...table.options })
    planned = plan
    expect(await dumpTable(transport, table.tableName)).toEqual(before)
    expect(plan.ok).toBe(true)
    expect(plan.scanned).toBe(table.expected.itemCount)
    const sessions = table.expected.liveSessions.length + table.expected.expiredSessions.length
    expect(plan.changes["session.expires"]).toBe(sessions)
    expect(plan.changes["account.index-keys"]).toBe(USERS)
    expect(plan.changes["verification.rekey"]).toBe(
      table.before.filter((i) => JSON.stringify(i.pk).startsWith('{"S":"VR#')).length,
    )
    expect(plan.unknown).toBe(2)
    expect(plan.samples.length).toBeGreaterThan(0)
    // No session token or OAuth token leaves the library in a sample.
    const text = JSON.stringify(plan)
    for (const { sessionToken } of table.expected.liveSessions)
      expect(text).not.toContain(sessionToken)
    expect(text).not.toMatch(/"(ac|rf)0000/)
  })

  it("runs, verifies, and leaves exactly the expected table", async () => {
    const run = await runMigration({
      transport,
      ...table.options,
      totalSegments: 3,
      pageSize: 17,
      batchSize: 10,
    })
    expect(run.ok).toBe(true)
    expect(run.failed).toBe(0)
    const plan = await planMigration({ transport, ...table.options })
    expect(plan.migrated).toBe(0)
    expect(await dumpTable(transport, table.tableName)).toEqual(expectedDump(table))
    const verify = await verifyMigration({ transport, ...table.options, strict: false })
    expect(verify.ok).toBe(true)
    expect(verify.nonconforming).toBe(0)
    // Exactly what the dry run announced was written.
    expect(run.migrated).toBe(planned.migrated)
    expect(run.changes).toEqual(planned.changes)
  })

  it("changes nothing on a second run", async () => {
    const before = await dumpTable(transport, table.tableName)
    const again = await runMigration({ transport, ...table.options })
    expect(again.migrated).toBe(0)
    expect(again.ok).toBe(true)
    expect(await dumpTable(transport, table.tableName)).toEqual(before)
  })

  it("lets the current adapters (official, node, edge) find every user, account, live session and pending token", async () => {
    const adapters = {
      official: OfficialAdapter(
        DynamoDBDocument.from(
          new DynamoDBClient({ endpoint: endpoint(), region: REGION, credentials: CREDENTIALS }),
        ),
        table.options,
      ),
      node: createAdapter(transport, table.options),
      edge: DynamoDBAdapter(
        { region: REGION, endpoint: endpoint(), credentials: CREDENTIALS },
        table.options,
      ),
    }
    for (const [runtime, adapter] of Object.entries(adapters)) {
      for (const user of table.expected.users) {
        expect((await adapter.getUser!(user.id))?.id, runtime).toBe(user.id)
        if (user.email)
          expect((await adapter.getUserByEmail!(user.email))?.id, runtime).toBe(user.id)
      }
      // The bogus index keys of users without email are gone.
      expect(await adapter.getUserByEmail!("null")).toBeNull()
      expect(await adapter.getUserByEmail!("undefined")).toBeNull()
      for (const account of table.expected.accounts) {
        const user = await adapter.getUserByAccount!({
          provider: account.provider,
          providerAccountId: account.providerAccountId,
        })
        expect(user?.id, runtime).toBe(account.userId)
      }
      for (const session of table.expected.liveSessions) {
        const found = await adapter.getSessionAndUser!(session.sessionToken)
        expect(found?.user.id, runtime).toBe(session.userId)
        expect(found?.session.expires.getTime()).toBeGreaterThan(Date.now())
      }
    }
    // Using a token deletes it: the adapters take turns.
    const tokens = table.expected.pendingTokens
    expect(tokens.length).toBeGreaterThan(10)
    const turns = Object.values(adapters)
    for (const [i, token] of tokens.entries()) {
      const adapter = turns[i % turns.length]!
      const used = await adapter.useVerificationToken!({
        identifier: token.identifier,
        token: token.hashedToken,
      })
      expect(used?.identifier).toBe(token.identifier)
      expect(used?.expires.getTime()).toBeGreaterThan(Date.now())
    }
  })
})

describe("options", () => {
  it("drops legacy fields only with dropLegacy, and then verifies strictly", async () => {
    const table = await createLegacyTable(transport, 6)
    const run = await runMigration({ transport, ...table.options, dropLegacy: true })
    expect(run.ok).toBe(true)
    expect(run.changes["session.drop.accessToken"]).toBe(12)
    expect(await dumpTable(transport, table.tableName)).toEqual(expectedDump(table, true))
    const dump = (await dumpTable(transport, table.tableName)).join("\n")
    for (const name of ["createdAt", "updatedAt", "providerId", "accessTokenExpires", "username"]) {
      expect(dump).not.toContain(`"${name}"`)
    }
    expect((await verifyMigration({ transport, ...table.options, dropLegacy: true })).ok).toBe(true)
  })

  it("keeps legacy fields by default, and verify without dropLegacy accepts them", async () => {
    const table = await createLegacyTable(transport, 4)
    await runMigration({ transport, ...table.options })
    const dump = (await dumpTable(transport, table.tableName)).join("\n")
    expect(dump).toContain('"providerId"')
    expect(dump).toContain('"createdAt"')
    expect((await verifyMigration({ transport, ...table.options })).ok).toBe(true)
    const strict = await verifyMigration({ transport, ...table.options, dropLegacy: true })
    expect(strict.ok).toBe(false)
    // The four v3 accounts; the 1.0.0 account never had the field.
    expect(strict.changes["account.drop.providerId"]).toBe(4)
  })

  it("migrates a table with custom key names", async () => {
    const names = { pk: "PK", sk: "SK", gpk: "lookupPK", gsk: "lookupSK", index: "lookup" }
    const table = await createLegacyTable(transport, 8, names, "custom")
    const run = await runMigration({ transport, ...table.options })
    expect(run.ok).toBe(true)
    expect(await dumpTable(transport, table.tableName)).toEqual(expectedDump(table))
    const adapter = createAdapter(transport, table.options)
    for (const account of table.expected.accounts) {
      expect((await adapter.getUserByAccount!(account))?.id).toBe(account.userId)
    }
    for (const session of table.expected.liveSessions) {
      expect((await adapter.getSessionAndUser!(session.sessionToken))?.user.id).toBe(session.userId)
    }
  })

  it("runs only the given segments, so machines can share a table", async () => {
    const table = await createLegacyTable(transport, 10)
    const first = await runMigration({
      transport,
      ...table.options,
      totalSegments: 4,
      segments: [0, 2],
    })
    const half = await verifyMigration({ transport, ...table.options })
    expect(half.ok).toBe(false)
    const second = await runMigration({
      transport,
      ...table.options,
      totalSegments: 4,
      segments: [1, 3],
    })
    expect(first.scanned + second.scanned).toBeGreaterThanOrEqual(table.expected.itemCount)
    expect((await verifyMigration({ transport, ...table.options })).ok).toBe(true)
    expect(await dumpTable(transport, table.tableName)).toEqual(expectedDump(table))
  })

  it("refuses bad options naming the option", async () => {
    await expect(
      runMigration({ transport, tableName: "x-table", totalSegments: 0 }),
    ).rejects.toThrow(/totalSegments/)
    await expect(
      runMigration({ transport, tableName: "x-table", segments: [4], totalSegments: 4 }),
    ).rejects.toThrow(/segment 4/)
    await expect(
      runMigration({ transport, tableName: "x-table", targetTable: "x-table" }),
    ).rejects.toThrow(/targetTable/)
    await expect(runMigration({ transport, tableName: "no-such-table" })).rejects.toMatchObject({
      code: "TABLE_NOT_FOUND",
      operation: "migrate.run",
      awsErrorName: "ResourceNotFoundException",
    })
  })
})

describe("migrate into another table", () => {
  it("copies every item, migrated, and leaves the source alone", async () => {
    const table = await createLegacyTable(transport, 12)
    const targetTable = `${table.tableName}-v2`
    // Without TTL: DynamoDB Local's TTL would delete the expired sessions while we compare dumps.
    await transport.send(
      "CreateTable",
      createTableInput({ ...table.options, tableName: targetTable }),
    )
    const sourceBefore = await dumpTable(transport, table.tableName)
    const run = await runMigration({ transport, ...table.options, targetTable })
    expect(run.ok).toBe(true)
    expect(run.migrated).toBe(table.expected.itemCount)
    expect(await dumpTable(transport, table.tableName)).toEqual(sourceBefore)
    expect(await dumpTable(transport, targetTable)).toEqual(expectedDump(table))
    expect((await verifyMigration({ transport, ...table.options, targetTable })).ok).toBe(true)

    const again = await runMigration({ transport, ...table.options, targetTable })
    expect(again.migrated).toBe(0)
    expect(again.alreadyPresent).toBe(table.expected.itemCount)
    expect(await dumpTable(transport, targetTable)).toEqual(expectedDump(table))
  })
})
