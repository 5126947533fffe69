/**
 * The `dynamoauth` CLI end to end: help and exit codes, init and doctor on
 * real tables, and a migration killed at random points and resumed.
 */
import { existsSync, statSync } from "node:fs"
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { setTimeout as sleep } from "node:timers/promises"
import { createTableInput } from "@dynamoauth/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCli, startCli } from "./helpers/cli.js"
import { dumpTable, endpoint, transportFor, uniqueTable } from "./helpers/env.js"
import { createLegacyTable, expectedDump } from "./helpers/legacy-table.js"

const transport = transportFor()
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dynamoauth-cli-"))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

const connection = () => ["--endpoint", endpoint(), "--region", "us-east-1"]

describe("dynamoauth CLI", () => {
  it("prints help for every command and exits 0", async () => {
    for (const args of [
      ["--help"],
      ["init", "--help"],
      ["doctor", "--help"],
      ["migrate", "--help"],
      ["migrate", "run", "--help"],
    ]) {
      const result = await runCli(args)
      expect(result.code).toBe(0)
      expect(result.stdout).toMatch(/Usage: dynamoauth/)
      expect(result.stdout).toMatch(/Exit codes:/)
    }
  })

  it("exits 2 on a bad command line", async () => {
    for (const args of [
      ["migrate", "frobnicate"],
      ["doctor", "--no-such-flag"],
      ["migrate", "run", "--total-segments", "0"],
      ["init", "--print", "terraform"],
    ]) {
      const result = await runCli(args)
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(/dynamoauth: /)
    }
  })

  it("exits 2 on a checkpoint file that is not valid, naming it", async () => {
    const table = uniqueTable("poisoned")
    await transport.send("CreateTable", createTableInput({ tableName: table }))
    const checkpoint = join(dir, "poisoned.json")
    await writeFile(
      checkpoint,
      '{"version":1,"fingerprint":{},"segments":{},"counters":{"__proto__":{"polluted":1}}}',
    )
    const result = await runCli([
      "migrate",
      "run",
      "--table",
      table,
      "--checkpoint",
      checkpoint,
      ...connection(),
    ])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`${checkpoint} is not a valid checkpoint`)
    expect(result.stdout).toBe("")
  })

  it("prints CloudFormation and CDK without AWS access", async () => {
    const cfn = await runCli([
      "init",
      "--print",
      "cloudformation",
      "--table",
      "my-auth",
      "--index-name",
      "byEmail",
    ])
    expect(cfn.code).toBe(0)
    expect(cfn.stdout).toContain("ProjectionType: ALL")
    expect(cfn.stdout).toContain("IndexName: byEmail")
    expect(cfn.stdout).toMatch(
      /TimeToLiveSpecification:\n\s+AttributeName: expires\n\s+Enabled: true/,
    )
    const cdk = await runCli(["init", "--print", "cdk"])
    expect(cdk.stdout).toContain('timeToLiveAttribute: "expires"')
    expect(cdk.stdout).toContain("dynamodb.ProjectionType.ALL")
  })

  it("init creates a table that doctor passes; doctor explains a table that is wrong", async () => {
    const table = uniqueTable("init")
    const init = await runCli(["init", "--table", table, ...connection()])
    expect(init.code).toBe(0)
    expect(JSON.parse(init.stdout)).toMatchObject({ table, created: true, ttl: "enabled" })
    const ttl = await transport.send("DescribeTimeToLive", { TableName: table })
    expect(ttl.TimeToLiveDescription).toMatchObject({
      TimeToLiveStatus: "ENABLED",
      AttributeName: "expires",
    })
    const again = await runCli(["init", "--table", table, ...connection()])
    expect(JSON.parse(again.stdout)).toMatchObject({ created: false })

    const healthy = await runCli(["doctor", "--table", table, ...connection()])
    expect(healthy.code).toBe(0)
    expect(JSON.parse(healthy.stdout).ok).toBe(true)

    // A table with a KEYS_ONLY index and no TTL.
    const wrong = uniqueTable("wrong")
    const input = createTableInput({ tableName: wrong }) as any
    input.GlobalSecondaryIndexes[0]!.Projection = { ProjectionType: "KEYS_ONLY" }
    await transport.send("CreateTable", input)
    const sick = await runCli(["doctor", "--table", wrong, ...connection()])
    expect(sick.code).toBe(3)
    const report = JSON.parse(sick.stdout)
    expect(report.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          check: "projection",
          status: "error",
          fix: expect.stringContaining("--index-name"),
        }),
        expect.objectContaining({
          check: "ttl",
          status: "warning",
          fix: expect.stringContaining("update-time-to-live"),
        }),
      ]),
    )
    expect(sick.stderr).toContain("[FAIL] projection")

    const mismatch = await runCli([
      "doctor",
      "--table",
      table,
      "--partition-key",
      "PK",
      ...connection(),
    ])
    expect(mismatch.code).toBe(3)
    expect(JSON.parse(mismatch.stdout).findings).toContainEqual(
      expect.objectContaining({
        check: "keys",
        status: "error",
        fix: expect.stringContaining("--partition-key pk"),
      }),
    )

    const missing = await runCli(["doctor", "--table", "no-such-table", ...connection()])
    expect(missing.code).toBe(3)
    expect(missing.stderr).toContain("dynamoauth init --table no-such-table")
  })

  it("doctor and verify point at a legacy table; plan, run, verify fix it", async () => {
    const legacy = await createLegacyTable(transport, 5)
    const t = ["--table", legacy.tableName, ...connection()]
    const doctor = await runCli(["doctor", ...t])
    expect(doctor.code).toBe(3)
    expect(JSON.parse(doctor.stdout).findings).toContainEqual(
      expect.objectContaining({
        check: "items",
        status: "error",
        fix: expect.stringContaining("dynamoauth migrate plan"),
      }),
    )
    expect((await runCli(["migrate", "verify", ...t])).code).toBe(3)
    const plan = await runCli(["migrate", "plan", ...t])
    expect(plan.code).toBe(0)
    expect(JSON.parse(plan.stdout).changes["session.expires"]).toBe(12)
    const report = join(dir, "report.json")
    const run = await runCli([
      "migrate",
      "run",
      ...t,
      "--checkpoint",
      join(dir, "cp-simple.json"),
      "--report",
      report,
    ])
    expect(run.code).toBe(0)
    expect(existsSync(report)).toBe(true)
    expect(existsSync(join(dir, "cp-simple.json"))).toBe(false)
    expect((await runCli(["migrate", "verify", ...t])).code).toBe(0)
  })

  it("resumes after being killed at random points, and ends with exactly the expected table", async () => {
    const legacy = await createLegacyTable(transport, 25)
    const checkpoint = join(dir, "cp-kill.json")
    // Slow enough (a rate limit) that a kill lands mid-run.
    const args = [
      "migrate",
      "run",
      "--table",
      legacy.tableName,
      ...connection(),
      "--checkpoint",
      checkpoint,
      "--page-size",
      "4",
      "--batch-size",
      "2",
      "--max-rps",
      "30",
      "--json",
    ]
    let kills = 0
    for (let round = 0; round < 4; round++) {
      const { child, done } = startCli(args)
      const finished = done.then(() => true)
      // Wait until this process has saved a checkpoint (or ended), then kill it a random moment later.
      const started = Date.now()
      const savedSinceStart = () =>
        existsSync(checkpoint) && statSync(checkpoint).mtimeMs >= started
      while (
        !savedSinceStart() &&
        Date.now() - started < 15_000 &&
        !(await Promise.race([finished, sleep(10, false)]))
      ) {}
      await Promise.race([finished, sleep(Math.floor(Math.random() * 500))])
      if (child.exitCode !== null) break
      child.kill("SIGKILL")
      await done
      // Killed between its last write and its exit, a run has already removed its checkpoint: it was done.
      if (!existsSync(checkpoint)) break
      kills++
    }
    expect(kills).toBeGreaterThan(0)
    const pending = existsSync(checkpoint)
    const final = await runCli(args)
    expect(final.code).toBe(0)
    const report = JSON.parse(final.stdout)
    expect(report.resumed).toBe(pending)
    expect(report.ok).toBe(true)
    expect(existsSync(checkpoint)).toBe(false)
    expect(await dumpTable(transport, legacy.tableName)).toEqual(expectedDump(legacy))
  })

  it("stops cleanly on SIGINT with exit code 130 and resumes", async () => {
    const legacy = await createLegacyTable(transport, 10)
    const checkpoint = join(dir, "cp-int.json")
    const args = [
      "migrate",
      "run",
      "--table",
      legacy.tableName,
      ...connection(),
      "--checkpoint",
      checkpoint,
      "--page-size",
      "3",
      "--max-rps",
      "20",
      "--json",
    ]
    const { child, done } = startCli(args)
    const started = Date.now()
    while (!existsSync(checkpoint) && Date.now() - started < 15_000) await sleep(20)
    child.kill("SIGINT")
    const stopped = await done
    expect(stopped.code).toBe(130)
    expect(JSON.parse(stopped.stdout)).toMatchObject({ interrupted: true, ok: false })
    expect(existsSync(checkpoint)).toBe(true)
    const resumed = await runCli(args)
    expect(resumed.code).toBe(0)
    expect(JSON.parse(resumed.stdout)).toMatchObject({ resumed: true, ok: true })
    expect(await dumpTable(transport, legacy.tableName)).toEqual(expectedDump(legacy))
  })
})
