/**
 * `migrate --to better-auth` end to end: tables filled through dynamoauth's
 * Auth.js adapter and through `@auth/dynamodb-adapter`, migrated, then used
 * through Better Auth's real handler on `@dynamoauth/better-auth`: the same
 * user signs in by email OTP and keeps their id, the OAuth account lookup
 * finds them, their passkeys are listed, and a kept session still works
 * (or, dropped, does not). Plus plan / verify / idempotency / resume.
 */
import { createHmac, randomUUID } from "node:crypto"
import { existsSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Adapter, AdapterUser } from "@auth/core/adapters"
import { DynamoDBAdapter as OfficialAdapter } from "@auth/dynamodb-adapter"
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { passkey } from "@better-auth/passkey"
import { DynamoDBAdapter } from "@dynamoauth/adapter-node"
import { dynamoAuthBetterAuth } from "@dynamoauth/better-auth"
import { createTableInput } from "@dynamoauth/core"
import { BETTER_AUTH_BASE, callBetterAuth } from "@dynamoauth/testing/better-auth-handler"
import { betterAuth } from "better-auth"
import { emailOTP } from "better-auth/plugins"
import { describe, expect, it } from "vitest"
import {
  planBetterAuthMigration,
  runBetterAuthMigration,
  verifyBetterAuthMigration,
} from "../src/index.js"
import { runCli } from "./helpers/cli.js"
import {
  CREDENTIALS,
  dumpTable,
  endpoint,
  REGION,
  transportFor,
  uniqueTable,
} from "./helpers/env.js"

const transport = transportFor()
const SECRET = "a-test-secret-that-is-long-enough-0123456789"
const LATER = new Date(Date.now() + 7 * 24 * 3600 * 1000)
type Full = Required<Adapter>

const documentClient = () =>
  DynamoDBDocument.from(
    new DynamoDBClient({ endpoint: endpoint(), region: REGION, credentials: CREDENTIALS }),
  )

async function newTable(prefix: string, names: Record<string, string> = {}) {
  const tableName = uniqueTable(prefix)
  await transport.send("CreateTable", createTableInput({ ...names, tableName }))
  return tableName
}

/**
 * Better Auth's session cookie for a token: `<token>.<HMAC-SHA256(secret, token) in base64>`,
 * URL-encoded — what an app sets once for a browser that still holds its Auth.js cookie.
 */
function sessionCookie(token: string) {
  const signature = createHmac("sha256", SECRET).update(token).digest("base64")
  return `better-auth.session_token=${encodeURIComponent(`${token}.${signature}`)}`
}

function betterAuthOn(table: Record<string, string>) {
  const otps = new Map<string, string>()
  const auth = betterAuth({
    baseURL: BETTER_AUTH_BASE,
    secret: SECRET,
    database: dynamoAuthBetterAuth({ transport, ...table, scan: "refuse" }),
    verification: { disableCleanup: true },
    plugins: [
      emailOTP({
        sendVerificationOTP: async ({ email, otp }) => {
          otps.set(email, otp)
        },
      }),
      passkey(),
    ],
  })
  const call = (path: string, init?: { body?: unknown; cookie?: string }) =>
    callBetterAuth(auth, path, init)
  const signInByOtp = async (email: string) => {
    expect(
      (await call("/email-otp/send-verification-otp", { body: { email, type: "sign-in" } })).status,
    ).toBe(200)
    return call("/sign-in/email-otp", { body: { email, otp: otps.get(email) } })
  }
  return { auth, call, signInByOtp }
}

/** One user with an OAuth account, a live session, a passkey and a pending email token. */
async function fillThroughAdapter(adapter: Full, withPasskey: boolean) {
  const email = `ada-${randomUUID().slice(0, 8)}@example.com`
  const user = await adapter.createUser({
    id: randomUUID(),
    email,
    emailVerified: new Date(),
    name: "Ada",
  } as AdapterUser)
  const account = {
    userId: user.id,
    type: "oauth" as const,
    provider: "github",
    providerAccountId: `gh-${randomUUID().slice(0, 6)}`,
    access_token: "gho_secret",
    expires_at: Math.floor(LATER.getTime() / 1000),
    token_type: "bearer" as const,
    scope: "read:user",
  }
  await adapter.linkAccount(account)
  const sessionToken = randomUUID()
  await adapter.createSession({ sessionToken, userId: user.id, expires: LATER })
  await adapter.createVerificationToken({ identifier: email, token: "h4sh", expires: LATER })
  // A credential id with the base64 characters base64url replaces.
  const credentialID = Buffer.from([0xfb, 0xff, 0x01, 0x02, 0x03]).toString("base64")
  if (withPasskey) {
    await adapter.createAuthenticator({
      credentialID,
      userId: user.id,
      providerAccountId: credentialID,
      credentialPublicKey: "pQECAyYgASFYIA",
      counter: 3,
      credentialDeviceType: "multiDevice",
      credentialBackedUp: true,
      transports: "internal",
    })
  }
  return { user, email, account, sessionToken, credentialID }
}

describe("a table written by dynamoauth's Auth.js adapter, migrated in place (custom key names)", () => {
  const names = {
    partitionKey: "PK",
    sortKey: "SK",
    indexPartitionKey: "G1PK",
    indexSortKey: "G1SK",
  }

  it("plan, run, verify; then Better Auth signs the same user in and keeps their session, account and passkey", async () => {
    const tableName = await newTable("ba-inplace", names)
    const adapter = DynamoDBAdapter(documentClient(), { tableName, ...names }) as Full
    const ada = await fillThroughAdapter(adapter, true)
    const options = { transport, tableName, ...names, totalSegments: 2 }

    const before = await dumpTable(transport, tableName)
    const plan = await planBetterAuthMigration(options)
    expect(await dumpTable(transport, tableName)).toEqual(before)
    // user, account, session, verification token, passkey; dynamoauth's claims map to nothing.
    expect(plan.migrated).toBe(5)
    expect(plan.skipped).toEqual({ claim: 4 })
    expect((await verifyBetterAuthMigration(options)).ok).toBe(false)

    const run = await runBetterAuthMigration(options)
    expect(run).toMatchObject({ ok: true, migrated: 5, failed: 0 })
    expect(run.changes).toMatchObject({
      "session.token": 1,
      "account.providerId": 1,
      "passkey.credentialID-base64url": 1,
    })
    expect(JSON.stringify(run)).not.toContain(ada.sessionToken)
    expect(JSON.stringify(run)).not.toContain("gho_secret")
    expect((await verifyBetterAuthMigration(options)).ok).toBe(true)
    // The Auth.js items are still there, unchanged.
    const after = await dumpTable(transport, tableName)
    expect(after).toEqual(expect.arrayContaining(before))
    // Idempotent: a second run writes nothing.
    const again = await runBetterAuthMigration(options)
    expect(again).toMatchObject({ ok: true, migrated: 0, unchanged: 5 })
    expect(await dumpTable(transport, tableName)).toEqual(after)

    const { auth, call, signInByOtp } = betterAuthOn({ tableName, ...names })
    // --sessions keep: the Auth.js session token, in Better Auth's signed cookie, is a live session.
    const cookie = sessionCookie(ada.sessionToken)
    const session = await call("/get-session", { cookie })
    expect(session.json?.user).toMatchObject({
      id: ada.user.id,
      email: ada.email,
      emailVerified: true,
      name: "Ada",
    })
    // The passkey, under the credential id Better Auth looks up (base64url).
    const passkeys = await call("/passkey/list-user-passkeys", { cookie })
    expect(passkeys.json).toEqual([
      expect.objectContaining({
        userId: ada.user.id,
        credentialID: "-_8BAgM",
        publicKey: "pQECAyYgASFYIA",
        counter: 3,
        backedUp: true,
      }),
    ])
    const accounts = await call("/list-accounts", { cookie })
    expect(accounts.json).toEqual([
      expect.objectContaining({
        providerId: "github",
        accountId: ada.account.providerAccountId,
        userId: ada.user.id,
      }),
    ])
    // What Better Auth's OAuth callback does: the provider account finds the same user.
    const context = await auth.$context
    const found = await context.internalAdapter.findAccountOwnerByKey({
      providerId: "github",
      accountId: ada.account.providerAccountId,
    })
    expect(found).toMatchObject({ kind: "owned", user: { id: ada.user.id } })
    expect(found?.kind === "owned" && found.account.accessToken).toBe("gho_secret")
    // Email sign-in finds the same user (no new one).
    const signIn = await signInByOtp(ada.email)
    expect(signIn.status).toBe(200)
    expect(signIn.json.user.id).toBe(ada.user.id)
  })
})

describe("a table written by @auth/dynamodb-adapter, copied into another table", () => {
  it("keeps user ids and accounts; --sessions drop leaves no usable session; a shared email holds both users back", async () => {
    const tableName = await newTable("ba-official")
    const official = OfficialAdapter(documentClient(), { tableName }) as Full
    const email = `bo-${randomUUID().slice(0, 8)}@example.com`
    const bo = await official.createUser({ email, emailVerified: null, name: "Bo" } as never)
    // The official adapter lets two users share an email: only one can have it in Better Auth.
    await official.createUser({ email: `twin-${email}`, emailVerified: null } as never)
    await official.createUser({ email: `twin-${email}`, emailVerified: null } as never)
    await official.linkAccount({
      userId: bo.id,
      type: "oauth",
      provider: "google",
      providerAccountId: "g-1",
    })
    const sessionToken = randomUUID()
    await official.createSession({ sessionToken, userId: bo.id, expires: LATER })
    const targetTable = await newTable("ba-target")
    const options = { transport, tableName, targetTable, sessions: "drop" as const }

    const run = await runBetterAuthMigration(options)
    expect(run.skipped).toMatchObject({ "session.dropped": 1 })
    // Both twins are held back (never one of them by scan order), and reported.
    expect(run.problems).toEqual({ "user.email-collision": 2 })
    expect(run.emailCollisions.groups).toEqual([
      expect.objectContaining({ email: `twin-${email}` }),
    ])
    expect(run).toMatchObject({ ok: false, failed: 0 })
    expect(run.migrated).toBe(2) // bo and the account
    const verify = await verifyBetterAuthMigration(options)
    expect(verify.nonconforming).toBe(2)

    const { auth, call, signInByOtp } = betterAuthOn({ tableName: targetTable })
    expect((await call("/get-session", { cookie: sessionCookie(sessionToken) })).json).toBeNull()
    const context = await auth.$context
    expect(
      await context.internalAdapter.findAccountOwnerByKey({
        providerId: "google",
        accountId: "g-1",
      }),
    ).toMatchObject({ kind: "owned", user: { id: bo.id } })
    const signIn = await signInByOtp(email)
    expect(signIn.json.user).toMatchObject({ id: bo.id, name: "Bo", emailVerified: true })
  })

  it("with --sessions keep the official adapter's session works in Better Auth", async () => {
    const tableName = await newTable("ba-official-keep")
    const official = OfficialAdapter(documentClient(), { tableName }) as Full
    const user = await official.createUser({
      email: `cy-${randomUUID().slice(0, 8)}@example.com`,
      emailVerified: null,
    } as never)
    const sessionToken = randomUUID()
    await official.createSession({ sessionToken, userId: user.id, expires: LATER })
    const targetTable = await newTable("ba-target-keep")
    expect((await runBetterAuthMigration({ transport, tableName, targetTable })).ok).toBe(true)
    const { call } = betterAuthOn({ tableName: targetTable })
    const session = await call("/get-session", { cookie: sessionCookie(sessionToken) })
    expect(session.json?.user.id).toBe(user.id)
    expect(session.json?.session.token).toBe(sessionToken)
  })
})

describe("resume", () => {
  /** A table of `users` users filled through the adapter, and a run over it stopped after its first page. */
  async function interruptedRun(prefix: string, users: number) {
    const tableName = await newTable(prefix)
    const adapter = DynamoDBAdapter(documentClient(), { tableName }) as Full
    for (let i = 0; i < users; i++) await fillThroughAdapter(adapter, false)
    const checkpoint = join(tmpdir(), `ba-${randomUUID()}.json`)
    const controller = new AbortController()
    const options = { transport, tableName, checkpoint, totalSegments: 1, pageSize: 4 }
    const first = await runBetterAuthMigration({
      ...options,
      signal: controller.signal,
      onProgress: (p) => p.scanned > 0 && controller.abort(),
    })
    return { options, first }
  }

  it("a run stopped after its first page resumes from the checkpoint and ends as a full run", async () => {
    const { options, first } = await interruptedRun("ba-resume", 3)
    const { tableName, checkpoint } = options
    expect(first.interrupted).toBe(true)
    expect(existsSync(checkpoint)).toBe(true)
    const second = await runBetterAuthMigration(options)
    expect(second).toMatchObject({ resumed: true, ok: true, interrupted: false })
    // 3 users × (user, account, session, verification) records, each written once over both runs.
    expect(second.migrated).toBe(12)
    expect(existsSync(checkpoint)).toBe(false)
    expect((await verifyBetterAuthMigration({ transport, tableName })).ok).toBe(true)
  })

  it("a checkpoint holds the key names in effect: spelled-out defaults resume it, other names are refused", async () => {
    const { options, first } = await interruptedRun("ba-resume-keys", 2)
    const { checkpoint } = options
    expect(first.interrupted).toBe(true)
    await expect(
      runBetterAuthMigration({ ...options, partitionKey: "PK", sortKey: "SK" }),
    ).rejects.toMatchObject({
      code: "INVALID_OPTION",
      message: expect.stringContaining("other settings"),
    })
    expect(existsSync(checkpoint)).toBe(true)
    const defaults = {
      partitionKey: "pk",
      sortKey: "sk",
      indexPartitionKey: "GSI1PK",
      indexSortKey: "GSI1SK",
    }
    const second = await runBetterAuthMigration({ ...options, ...defaults })
    expect(second).toMatchObject({ resumed: true, ok: true, interrupted: false })
    // 2 users × (user, account, session, verification) records, each written once over both runs.
    expect(second.migrated).toBe(8)
    expect(existsSync(checkpoint)).toBe(false)
  })
})

describe("the CLI", () => {
  it("dynamoauth migrate run/verify --to better-auth: exit codes and the JSON report", async () => {
    const tableName = await newTable("ba-cli")
    const adapter = DynamoDBAdapter(documentClient(), { tableName }) as Full
    await fillThroughAdapter(adapter, false)
    const args = (sub: string) => [
      "migrate",
      sub,
      "--table",
      tableName,
      "--endpoint",
      endpoint(),
      "--to",
      "better-auth",
      "--json",
      "--no-checkpoint",
    ]
    const run = await runCli([...args("run"), "--sessions", "drop"])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({
      to: "better-auth",
      sessions: "drop",
      migrated: 3,
      skipped: { "session.dropped": 1 },
    })
    expect((await runCli([...args("verify"), "--sessions", "drop"])).code).toBe(0)
  })
})
