/**
 * `claims: true` on a table the official adapter wrote (no claims at all):
 * plan counts the missing claims, run writes them, a second run writes
 * nothing, an email two users share is reported, and afterwards dynamoauth's
 * uniqueness covers the old users and accounts too.
 */
import type { Adapter, AdapterAccount, AdapterUser } from "@auth/core/adapters"
import { DynamoDBAdapter as OfficialAdapter } from "@auth/dynamodb-adapter"
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { DynamoDBAdapter } from "@dynamoauth/adapter-node"
import { type AttributeMap, createTableInput, isDynamoAuthError } from "@dynamoauth/core"
import { beforeAll, describe, expect, it } from "vitest"
import { stringOf } from "../src/attributes.js"
import { planMigration, runMigration, verifyMigration } from "../src/index.js"
import {
  CREDENTIALS,
  dumpTable,
  endpoint,
  REGION,
  scanAll,
  transportFor,
  uniqueTable,
} from "./helpers/env.js"
import { createLegacyTable } from "./helpers/legacy-table.js"

const transport = transportFor()
const documentClient = () =>
  DynamoDBDocument.from(
    new DynamoDBClient({ endpoint: endpoint(), region: REGION, credentials: CREDENTIALS }),
  )
type Full = Required<Adapter>

const claimsOf = (items: AttributeMap[], type: string) =>
  items.filter((item) => stringOf(item.type) === type)

async function codeOf(call: unknown): Promise<string | undefined> {
  const error = await Promise.resolve(call).then(
    () => undefined,
    (e: unknown) => e,
  )
  return isDynamoAuthError(error) ? error.code : undefined
}

describe("claims for a table the official adapter wrote", () => {
  const tableName = uniqueTable("claims")
  let users: AdapterUser[]
  let accounts: AdapterAccount[]
  let ours: Full

  beforeAll(async () => {
    await transport.send("CreateTable", createTableInput({ tableName }))
    const official = OfficialAdapter(documentClient(), { tableName }) as Full
    users = []
    for (const email of ["ada@example.com", "bob@example.com", "ada@example.com", null]) {
      users.push(await official.createUser({ email, emailVerified: null } as never))
    }
    accounts = []
    for (const user of users.slice(0, 2)) {
      const account = {
        userId: user.id,
        type: "oauth" as const,
        provider: "github",
        providerAccountId: `gh-${user.id}`,
      }
      await official.linkAccount(account)
      accounts.push(account)
    }
    ours = DynamoDBAdapter(documentClient(), { tableName }) as Full
    // One user written by dynamoauth already has its claim.
    await ours.createUser({ email: "cy@example.com", emailVerified: null } as never)
  })

  it("plan counts the missing claims and writes nothing", async () => {
    const before = await dumpTable(transport, tableName)
    const plan = await planMigration({ transport, tableName, claims: true })
    // Three users with an email and two accounts have no claim; the dynamoauth user has one.
    expect(plan.claims).toEqual({ missing: 5, present: 1 })
    expect(plan.ok).toBe(true)
    expect(await dumpTable(transport, tableName)).toEqual(before)
    // Without the option nothing is read or reported about claims.
    expect((await planMigration({ transport, tableName })).claims).toEqual({})
  })

  it("verify counts the items whose claim is missing as nonconforming", async () => {
    // The official adapter indexes a user without email under USER#null: that one item
    // does not conform either way (the run fixes it).
    const layoutOnly = await verifyMigration({ transport, tableName })
    expect(layoutOnly.nonconforming).toBe(1)
    expect(layoutOnly.changes).toEqual({ "user.index-keys": 1 })
    const verify = await verifyMigration({ transport, tableName, claims: true })
    expect(verify.ok).toBe(false)
    expect(verify.nonconforming).toBe(1 + 5)
  })

  it("run writes them; the email two users share goes to one of them and is reported", async () => {
    const run = await runMigration({ transport, tableName, claims: true, totalSegments: 2 })
    expect(run.ok).toBe(true)
    expect(run.claims).toMatchObject({ present: 1, written: 4, taken: 1 })
    // The two ada@ users may sit in segments scanned at once: the second one's claim is then
    // either read as missing and found taken when written, or read as taken already.
    expect([4, 5]).toContain(run.claims.missing)
    expect(run.problems["claim.taken"]).toBe(1)
    const items = await scanAll(transport, tableName)
    const emailClaims = claimsOf(items, "EMAIL_CLAIM")
    expect(emailClaims.map((c) => stringOf(c.pk)).sort()).toEqual([
      "EMAIL#ada@example.com",
      "EMAIL#bob@example.com",
      "EMAIL#cy@example.com",
    ])
    const ada = emailClaims.find((c) => stringOf(c.pk) === "EMAIL#ada@example.com")!
    expect([users[0]!.id, users[2]!.id]).toContain(stringOf(ada.userId))
    expect(
      claimsOf(items, "ACCOUNT_CLAIM").map((c) => [stringOf(c.pk), stringOf(c.userId)]),
    ).toEqual(
      expect.arrayContaining(
        accounts.map((a) => [`ACCOUNT#github#${a.providerAccountId}`, a.userId]),
      ),
    )
  })

  it("a second run writes nothing, and verify names the shared email", async () => {
    const before = await dumpTable(transport, tableName)
    const again = await runMigration({ transport, tableName, claims: true })
    expect(again.claims).toEqual({ present: 5, taken: 1 })
    expect(await dumpTable(transport, tableName)).toEqual(before)
    const verify = await verifyMigration({ transport, tableName, claims: true })
    expect(verify.ok).toBe(false)
    expect(verify.nonconforming).toBe(1)
    expect(verify.problems).toEqual({ "claim.taken": 1 })
  })

  it("afterwards the old users' emails and accounts are unique under dynamoauth", async () => {
    const bob = users[1]!
    expect(await codeOf(ours.createUser({ email: bob.email, emailVerified: null } as never))).toBe(
      "DUPLICATE_EMAIL",
    )
    expect(await codeOf(ours.linkAccount({ ...accounts[0]!, userId: bob.id }))).toBe(
      "ACCOUNT_ALREADY_LINKED",
    )
    // And the owners keep working: the official adapter's items are still found.
    expect(await ours.getUserByEmail(bob.email)).toEqual(bob)
    expect(await ours.getUserByAccount(accounts[0]!)).toEqual(users[0])
  })
})

describe("claims when copying a legacy table", () => {
  it("are written into the target table, for every user with an email and every account", async () => {
    const table = await createLegacyTable(transport, 6, undefined, "claims-legacy")
    const targetTable = uniqueTable("claims-target")
    await transport.send(
      "CreateTable",
      createTableInput({ ...table.options, tableName: targetTable }),
    )
    const run = await runMigration({ transport, ...table.options, targetTable, claims: true })
    expect(run.ok).toBe(true)
    const source = await scanAll(transport, table.tableName)
    expect(claimsOf(source, "EMAIL_CLAIM")).toHaveLength(0)
    const copied = await scanAll(transport, targetTable)
    const usersWithEmail = copied.filter(
      (item) => stringOf(item.type) === "USER" && stringOf(item.email) !== undefined,
    )
    const accountItems = copied.filter(
      (item) => stringOf(item.sk)?.startsWith("ACCOUNT#") && stringOf(item.pk)?.startsWith("USER#"),
    )
    expect(usersWithEmail.length).toBeGreaterThan(0)
    expect(claimsOf(copied, "EMAIL_CLAIM")).toHaveLength(
      new Set(usersWithEmail.map((u) => stringOf(u.email))).size,
    )
    expect(claimsOf(copied, "ACCOUNT_CLAIM")).toHaveLength(accountItems.length)
    expect(run.claims.written).toBe(
      claimsOf(copied, "EMAIL_CLAIM").length + claimsOf(copied, "ACCOUNT_CLAIM").length,
    )
    const verify = await verifyMigration({ transport, ...table.options, targetTable, claims: true })
    expect(verify.claims.missing ?? 0).toBe(0)
  })
})
