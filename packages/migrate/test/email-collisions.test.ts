/**
 * `migrate --to better-auth` and emails that are one once lower-cased:
 * Auth.js holds `victim…@x.com` (verified) and `Victim…@X.com` (another
 * user, unverified, with an OAuth account and a session). Better Auth
 * lower-cases emails, so migrating both would give one of them the other's
 * email, decided by scan order. Six pairs, in two tables with the same ids
 * and the roles swapped, so every pair is met in both orders: no user of any
 * pair is migrated (nor their accounts and sessions), every group is
 * reported, and after the operator renames the other users the same command
 * migrates each victim under their own email.
 */
import { randomUUID } from "node:crypto"
import { createTableInput } from "@dynamoauth/core"
import { marshallItem, unmarshallItem } from "@dynamoauth/core/internal"
import { describe, expect, it } from "vitest"
import {
  type BetterAuthReport,
  planBetterAuthMigration,
  runBetterAuthMigration,
  verifyBetterAuthMigration,
} from "../src/index.js"
import { runCli } from "./helpers/cli.js"
import { endpoint, scanAll, transportFor, uniqueTable } from "./helpers/env.js"

const transport = transportFor()
const LATER = Math.floor(Date.now() / 1000) + 7 * 24 * 3600
const PAIRS = 6
const run = randomUUID().slice(0, 8)
// The same ids in both tables: which of the two holds the victim's email swaps.
const ids = Array.from({ length: PAIRS }, (_, i) => [`pair${i}-a-${run}`, `pair${i}-b-${run}`])
const victimEmail = (i: number) => `victim${i}-${run}@x.com`
const otherEmail = (i: number) => `Victim${i}-${run}@X.com`

const put = (TableName: string, item: Record<string, unknown>) =>
  transport.send("PutItem", { TableName, Item: marshallItem(item) })

function userItem(id: string, email: string, verified: boolean) {
  return {
    pk: `USER#${id}`,
    sk: `USER#${id}`,
    GSI1PK: `USER#${email}`,
    GSI1SK: `USER#${email}`,
    type: "USER",
    id,
    email,
    emailVerified: verified ? "2025-01-01T00:00:00.000Z" : null,
  }
}

/** A user with an OAuth account and a live session. */
async function addUser(TableName: string, id: string, email: string, verified: boolean) {
  await put(TableName, userItem(id, email, verified))
  await put(TableName, {
    pk: `USER#${id}`,
    sk: `ACCOUNT#github#gh-${id}`,
    GSI1PK: "ACCOUNT#github",
    GSI1SK: `ACCOUNT#gh-${id}`,
    type: "oauth",
    userId: id,
    provider: "github",
    providerAccountId: `gh-${id}`,
    access_token: `gho_${id}`,
  })
  await put(TableName, {
    pk: `USER#${id}`,
    sk: `SESSION#tok-${id}`,
    GSI1PK: `SESSION#tok-${id}`,
    GSI1SK: `SESSION#tok-${id}`,
    type: "SESSION",
    sessionToken: `tok-${id}`,
    userId: id,
    expires: LATER,
  })
}

/** Six pairs (the victim holds `ids[i][victimSide]`) and one user with no twin. */
async function pairsTable(victimSide: 0 | 1) {
  const tableName = uniqueTable("collisions")
  await transport.send("CreateTable", createTableInput({ tableName }))
  for (let i = 0; i < PAIRS; i++) {
    await addUser(tableName, ids[i]![victimSide]!, victimEmail(i), true)
    await addUser(tableName, ids[i]![1 - victimSide]!, otherEmail(i), false)
  }
  await addUser(tableName, `solo-${run}`, `solo-${run}@x.com`, true)
  return tableName
}

/** The Better Auth items in a table (records, claims, members), plain. */
async function betterAuthItems(tableName: string) {
  const items = (await scanAll(transport, tableName)).map((i) => unmarshallItem(i))
  return items.filter((i) => "_m" in i || "_claim" in i || "_member" in i)
}

function expectGroups(report: BetterAuthReport, victimSide: 0 | 1) {
  expect(report.emailCollisions.users).toBe(2 * PAIRS)
  expect(report.emailCollisions.resolve).toMatch(
    /merge each group .* or give the others another email/,
  )
  const groups = [...report.emailCollisions.groups].sort((a, b) => a.email.localeCompare(b.email))
  expect(groups).toEqual(
    Array.from({ length: PAIRS }, (_, i) => ({
      email: victimEmail(i),
      users: [
        {
          id: ids[i]![0]!,
          email: victimSide === 0 ? victimEmail(i) : otherEmail(i),
          emailVerified: victimSide === 0,
        },
        {
          id: ids[i]![1]!,
          email: victimSide === 1 ? victimEmail(i) : otherEmail(i),
          emailVerified: victimSide === 1,
        },
      ],
    })),
  )
}

describe("emails that are one once lower-cased (--to better-auth)", () => {
  for (const victimSide of [0, 1] as const) {
    it(`holds back every pair and migrates the rest (victims on side ${victimSide})`, async () => {
      const tableName = await pairsTable(victimSide)
      const options = { transport, tableName, totalSegments: 3 }

      const plan = await planBetterAuthMigration(options)
      expectGroups(plan, victimSide)
      expect(plan.migrated).toBe(3) // the solo user, their account and session

      const report = await runBetterAuthMigration(options)
      expectGroups(report, victimSide)
      expect(report).toMatchObject({ ok: false, migrated: 3, failed: 0 })
      expect(report.problems).toEqual({
        "user.email-collision": 2 * PAIRS,
        "account.email-collision": 2 * PAIRS,
        "session.email-collision": 2 * PAIRS,
      })
      // Exactly what was written: the solo user's records, and nothing of any pair.
      const written = await betterAuthItems(tableName)
      const owners = new Set(written.map((i) => String(i.userId ?? i._ref ?? i.id)))
      expect(written.length).toBeGreaterThan(0)
      for (const owner of owners) expect(owner).not.toMatch(/^pair/)
      expect(written.filter((i) => String(i.pk).includes("victim"))).toEqual([])

      const verify = await verifyBetterAuthMigration(options)
      expect(verify.ok).toBe(false)
      expect(verify.nonconforming).toBe(6 * PAIRS)
    })
  }

  it("the CLI prints every group and how to resolve it, exits 3; once renamed, the victims get their own emails", async () => {
    const victimSide = 1
    const tableName = await pairsTable(victimSide)
    const cli = await runCli([
      "migrate",
      "run",
      "--table",
      tableName,
      "--to",
      "better-auth",
      "--no-checkpoint",
      "--endpoint",
      endpoint(),
      "--region",
      "us-east-1",
    ])
    expect(cli.code).toBe(3)
    expect(cli.stderr).toContain(`${PAIRS} emails are shared by several users once lower-cased`)
    for (let i = 0; i < PAIRS; i++) {
      expect(cli.stderr).toContain(
        `${victimEmail(i)}: ${ids[i]![0]} (${otherEmail(i)}, not verified), ${ids[i]![1]} (${victimEmail(i)}, verified)`,
      )
    }
    expect(cli.stderr).toContain("then run the same command again")
    expectGroups(JSON.parse(cli.stdout), victimSide)

    // The operator gives the other users another email in the Auth.js table, and runs again.
    for (let i = 0; i < PAIRS; i++) {
      await put(tableName, userItem(ids[i]![0]!, `other${i}-${run}@elsewhere.com`, false))
    }
    const options = { transport, tableName }
    const report = await runBetterAuthMigration(options)
    expect(report).toMatchObject({ ok: true, failed: 0, emailCollisions: { groups: [], users: 0 } })
    expect(report.migrated).toBe(2 * PAIRS * 3)
    const items = await betterAuthItems(tableName)
    for (let i = 0; i < PAIRS; i++) {
      const claim = items.find((c) => c.pk === `user#email#${victimEmail(i)}`)
      expect(claim).toMatchObject({ _claim: "user", _ref: ids[i]![1] })
      // The other user's account stays with them.
      const account = items.find((c) => c._m === "account" && c.accountId === `gh-${ids[i]![0]}`)
      expect(account).toMatchObject({ userId: ids[i]![0] })
    }
    expect((await verifyBetterAuthMigration(options)).ok).toBe(true)
  })
})
