/** doctor and init through the library, on tables that are wrong in one way each. */
import type { Adapter } from "@auth/core/adapters"
import { DynamoDBAdapter as OfficialAdapter } from "@auth/dynamodb-adapter"
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { createTableInput } from "@dynamoauth/core"
import { describe, expect, it } from "vitest"
import { doctor, initTable, runMigration } from "../src/index.js"
import { CREDENTIALS, endpoint, REGION, transportFor, uniqueTable } from "./helpers/env.js"
import { createLegacyTable } from "./helpers/legacy-table.js"

const transport = transportFor()

function finding(report: Awaited<ReturnType<typeof doctor>>, check: string) {
  return report.findings.find((f) => f.check === check)
}

describe("doctor", () => {
  it("passes a table made by init, with custom names too", async () => {
    const options = {
      tableName: uniqueTable("doc-ok"),
      partitionKey: "PK",
      sortKey: "SK",
      indexName: "byKey",
      indexPartitionKey: "K1",
      indexSortKey: "K2",
    }
    expect(await initTable({ transport, ...options })).toMatchObject({
      created: true,
      ttl: "enabled",
      status: "ACTIVE",
    })
    expect(await initTable({ transport, ...options })).toMatchObject({
      created: false,
      ttl: "already-enabled",
    })
    const report = await doctor({ transport, ...options })
    expect(report.ok).toBe(true)
    expect(report.findings.every((f) => f.status === "ok")).toBe(true)
    // The same table under the default names is wrong, and doctor says which flags to pass.
    const defaults = await doctor({ transport, tableName: options.tableName })
    expect(defaults.ok).toBe(false)
    expect(finding(defaults, "keys")?.fix).toContain("--partition-key PK --sort-key SK")
    expect(finding(defaults, "index")?.fix).toContain("--index-name")
  })

  it("finds users and accounts without claims, and passes once migrate --claims wrote them", async () => {
    const tableName = uniqueTable("doc-claims")
    await transport.send("CreateTable", createTableInput({ tableName }))
    const official = OfficialAdapter(
      DynamoDBDocument.from(
        new DynamoDBClient({ endpoint: endpoint(), region: REGION, credentials: CREDENTIALS }),
      ),
      { tableName },
    ) as Required<Adapter>
    const user = await official.createUser({
      email: "dee@example.com",
      emailVerified: null,
    } as never)
    await official.linkAccount({
      userId: user.id,
      type: "oauth",
      provider: "gh",
      providerAccountId: "7",
    })
    const before = await doctor({ transport, tableName })
    expect(before.sample.claims).toEqual({ missing: 2 })
    expect(finding(before, "claims")).toMatchObject({
      status: "warning",
      fix: expect.stringContaining(`migrate run --claims --table ${tableName}`),
    })
    expect(before.ok).toBe(true)
    await runMigration({ transport, tableName, claims: true })
    const after = await doctor({ transport, tableName })
    expect(after.sample.claims).toEqual({ present: 2 })
    expect(finding(after, "claims")?.status).toBe("ok")
  })

  it("finds a missing index and says how to add it", async () => {
    const input = createTableInput({ tableName: uniqueTable("doc-noidx") }) as any
    delete input.GlobalSecondaryIndexes
    input.AttributeDefinitions = input.AttributeDefinitions.slice(0, 2)
    await transport.send("CreateTable", input)
    const report = await doctor({ transport, tableName: input.TableName })
    expect(report.ok).toBe(false)
    expect(finding(report, "index")).toMatchObject({
      status: "error",
      fix: expect.stringContaining("update-table"),
    })
  })

  it("finds TTL on the wrong attribute", async () => {
    const tableName = uniqueTable("doc-ttl")
    await transport.send("CreateTable", createTableInput({ tableName }))
    await transport.send("UpdateTimeToLive", {
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: "ttl", Enabled: true },
    })
    const report = await doctor({ transport, tableName })
    expect(finding(report, "ttl")).toMatchObject({
      status: "error",
      message: expect.stringContaining('"ttl"'),
    })
  })

  it("counts legacy shapes in a sample and points at migrate", async () => {
    const table = await createLegacyTable(transport, 6)
    const report = await doctor({ transport, ...table.options, sampleSize: 10 })
    expect(report.sample.scanned).toBe(10)
    expect(finding(report, "items")).toMatchObject({
      status: "error",
      fix: expect.stringContaining("migrate run --table"),
    })
    const whole = await doctor({ transport, ...table.options })
    expect(whole.sample.scanned).toBe(table.expected.itemCount)
    expect(whole.sample.legacy["session.expires"]).toBe(
      table.expected.liveSessions.length + table.expected.expiredSessions.length,
    )
  })
})
