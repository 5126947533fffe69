/** What the migration reports instead of guessing or overwriting. */
import { rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createTableInput } from "@dynamoauth/core"
import { describe, expect, it } from "vitest"
import { runMigration, verifyMigration } from "../src/index.js"
import { createLegacyWriter, hashToken } from "./fixtures/legacy-writer.js"
import { CREDENTIALS, dumpTable, endpoint, transportFor, uniqueTable } from "./helpers/env.js"

const transport = transportFor()
const NOW = new Date()

async function emptyLegacyTable() {
  const tableName = uniqueTable("edge")
  const writer = createLegacyWriter({ endpoint: endpoint(), tableName, credentials: CREDENTIALS })
  await writer.createTable()
  return { tableName, writer }
}

describe("edge cases", () => {
  it("leaves both items alone when the re-keyed token's key is already taken by a different item", async () => {
    const { tableName, writer } = await emptyLegacyTable()
    await writer.v3.createVerificationRequest(
      { identifier: "a@b.c", token: "t", secret: "s", expires: new Date(NOW.getTime() + 60_000) },
      NOW,
    )
    const hashed = hashToken("t", "s")
    await transport.send("PutItem", {
      TableName: tableName,
      Item: {
        pk: { S: "VT#a@b.c" },
        sk: { S: `VT#${hashed}` },
        type: { S: "VT" },
        identifier: { S: "a@b.c" },
        token: { S: hashed },
        expires: { N: "1" },
      },
    })
    const before = await dumpTable(transport, tableName)
    const run = await runMigration({ transport, tableName })
    expect(run.ok).toBe(false)
    expect(run.failed).toBe(1)
    expect(run.failures[0]).toMatchObject({
      kind: "verification-request",
      key: { pk: "VR#a@b.c", sk: "VR#<redacted>" },
    })
    expect(run.failures[0]!.reason).toContain("different item")
    expect(await dumpTable(transport, tableName)).toEqual(before)
  })

  it("reports sessions it cannot convert, and verify fails on them", async () => {
    const { tableName, writer } = await emptyLegacyTable()
    await writer.v3.createSession(
      { userId: "u", sessionToken: "no-expiry", accessToken: "a", expires: null },
      NOW,
    )
    await writer.v3.createSession(
      {
        userId: "u",
        sessionToken: "fine",
        accessToken: "a",
        expires: new Date(NOW.getTime() + 60_000),
      },
      NOW,
    )
    const run = await runMigration({ transport, tableName })
    expect(run.needsAttention).toBe(1)
    expect(run.problems).toEqual({ "session.no-expires": 1 })
    expect(run.migrated).toBe(1)
    const verify = await verifyMigration({ transport, tableName })
    expect(verify.ok).toBe(false)
    expect(verify.nonconforming).toBe(1)
  })

  it("copy mode never overwrites an item the target already holds differently", async () => {
    const { tableName, writer } = await emptyLegacyTable()
    await writer.v3.createUser({ email: "x@y.z", name: "Old" }, "u1", NOW)
    const targetTable = `${tableName}-new`
    await transport.send("CreateTable", createTableInput({ tableName: targetTable }))
    await transport.send("PutItem", {
      TableName: targetTable,
      Item: {
        pk: { S: "USER#u1" },
        sk: { S: "USER#u1" },
        type: { S: "USER" },
        id: { S: "u1" },
        name: { S: "Changed in the new table" },
      },
    })
    const run = await runMigration({ transport, tableName, targetTable })
    expect(run.failed).toBe(1)
    expect(run.failures[0]!.reason).toContain(targetTable)
    expect((await dumpTable(transport, targetTable)).join()).toContain("Changed in the new table")
  })

  it("refuses to resume from a checkpoint written with other settings", async () => {
    const { tableName, writer } = await emptyLegacyTable()
    await writer.v3.createSession(
      {
        userId: "u",
        sessionToken: "s1",
        accessToken: "a",
        expires: new Date(NOW.getTime() + 60_000),
      },
      NOW,
    )
    const checkpoint = join(tmpdir(), `${tableName}.json`)
    await writeFile(
      checkpoint,
      JSON.stringify({ version: 1, fingerprint: { other: true }, segments: {}, counters: {} }),
    )
    try {
      await expect(runMigration({ transport, tableName, checkpoint })).rejects.toMatchObject({
        code: "INVALID_OPTION",
        message: expect.stringContaining("other settings"),
      })
    } finally {
      await rm(checkpoint, { force: true })
    }
  })
})
