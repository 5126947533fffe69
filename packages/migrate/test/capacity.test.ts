/**
 * The capacity a command consumed, in its report and summary: every request
 * that can asks DynamoDB (Local) for `ReturnConsumedCapacity: "TOTAL"`, and
 * the report's figures are the sum of what came back, checked against a
 * transport that sums the responses itself.
 */
import type { DynamoDBBody, Transport } from "@dynamoauth/core"
import { describe, expect, it } from "vitest"
import { planMigration, runBetterAuthMigration, runMigration } from "../src/index.js"
import { runCli } from "./helpers/cli.js"
import { endpoint, transportFor } from "./helpers/env.js"
import { createLegacyTable } from "./helpers/legacy-table.js"

const base = transportFor()

/** Sums the capacity DynamoDB reported, and records which requests did not ask for it. */
function meteredTransport() {
  const seen = { readUnits: 0, writeUnits: 0, unasked: [] as string[] }
  const transport: Transport = {
    async send(operation, input, options) {
      if (input.ReturnConsumedCapacity !== "TOTAL") seen.unasked.push(operation)
      const out: DynamoDBBody = await base.send(operation, input, options)
      const reads = ["GetItem", "Query", "Scan", "BatchGetItem"].includes(operation)
      for (const c of [out.ConsumedCapacity ?? []].flat()) {
        seen.readUnits += c.ReadCapacityUnits ?? (reads ? c.CapacityUnits : 0)
        seen.writeUnits += c.WriteCapacityUnits ?? (reads ? 0 : c.CapacityUnits)
      }
      return out
    },
  }
  return { transport, seen }
}

describe("consumed capacity", () => {
  it("plan and run report the read and write units DynamoDB reported, in both directions", async () => {
    const legacy = await createLegacyTable(base, 6, undefined, "capacity")
    const options = { ...legacy.options, totalSegments: 2 }

    const forPlan = meteredTransport()
    const plan = await planMigration({ transport: forPlan.transport, ...options })
    expect(forPlan.seen.unasked).toEqual([])
    expect(plan.consumedCapacity).toEqual({ readUnits: forPlan.seen.readUnits, writeUnits: 0 })
    expect(plan.consumedCapacity.readUnits).toBeGreaterThan(0)

    const forRun = meteredTransport()
    const run = await runMigration({ transport: forRun.transport, ...options })
    expect(run.migrated).toBeGreaterThan(0)
    expect(forRun.seen.unasked).toEqual([])
    expect(run.consumedCapacity).toEqual({
      readUnits: forRun.seen.readUnits,
      writeUnits: forRun.seen.writeUnits,
    })
    // Each migrated item is at least one write unit.
    expect(run.consumedCapacity.writeUnits).toBeGreaterThanOrEqual(run.migrated)

    const forBetterAuth = meteredTransport()
    const moved = await runBetterAuthMigration({ transport: forBetterAuth.transport, ...options })
    expect(moved.migrated).toBeGreaterThan(0)
    expect(forBetterAuth.seen.unasked).toEqual([])
    expect(moved.consumedCapacity).toEqual({
      readUnits: forBetterAuth.seen.readUnits,
      writeUnits: forBetterAuth.seen.writeUnits,
    })
    expect(moved.consumedCapacity.writeUnits).toBeGreaterThan(0)
  })

  it("the CLI prints them in its summary and JSON report", async () => {
    const legacy = await createLegacyTable(base, 2, undefined, "capacity-cli")
    const result = await runCli([
      "migrate",
      "run",
      "--table",
      legacy.tableName,
      "--no-checkpoint",
      "--endpoint",
      endpoint(),
      "--region",
      "us-east-1",
    ])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout)
    expect(report.consumedCapacity.readUnits).toBeGreaterThan(0)
    expect(report.consumedCapacity.writeUnits).toBeGreaterThan(0)
    const { readUnits, writeUnits } = report.consumedCapacity
    expect(result.stderr).toContain(
      `consumed ${Math.round(readUnits * 10) / 10} read and ${Math.round(writeUnits * 10) / 10} write capacity units`,
    )
  })
})
