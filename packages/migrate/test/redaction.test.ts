/**
 * No secret in any output: `dynamoauth migrate plan|run`, in both directions,
 * with every field of the one redaction list (SECRET_FIELDS) on the items,
 * each holding a value of its own. Nothing of any of them may appear on
 * stdout, on stderr or in the report file; every field a report shows is
 * shown as `<redacted>`. Failures (a taken claim) and errors (a missing
 * target table) are outputs too.
 */
import { randomUUID } from "node:crypto"
import { mkdtemp, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createTableInput } from "@dynamoauth/core"
import { marshallItem } from "@dynamoauth/core/internal"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { REDACTED, SECRET_FIELDS } from "../src/redact.js"
import { runCli } from "./helpers/cli.js"
import { endpoint, transportFor, uniqueTable } from "./helpers/env.js"

const transport = transportFor()
const FIELDS = Object.keys(SECRET_FIELDS)
const LATER = Math.floor(Date.now() / 1000) + 7 * 24 * 3600
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dynamoauth-redaction-"))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

/** A value of its own per field and item (no value is a prefix of another). */
const secret = (label: string) => `S3CRET-${label}-${randomUUID()}`

/** Every field of the list with a value of its own, as extra attributes of an item. */
function allSecrets(label: string) {
  return Object.fromEntries(FIELDS.map((field) => [field, secret(`${label}-${field}`)]))
}

async function newTable(items: Record<string, unknown>[]) {
  const tableName = uniqueTable("redaction")
  await transport.send("CreateTable", createTableInput({ tableName }))
  for (const item of items) {
    await transport.send("PutItem", { TableName: tableName, Item: marshallItem(item) })
  }
  return tableName
}

/** Runs the CLI with a report file; returns everything it printed or wrote, and the report. */
async function outputsOf(args: string[]) {
  const reportFile = join(dir, `${randomUUID()}.json`)
  const result = await runCli([
    ...args,
    "--endpoint",
    endpoint(),
    "--region",
    "us-east-1",
    "--no-checkpoint",
    "--report",
    reportFile,
  ])
  const file = await readFile(reportFile, "utf8").catch(() => "")
  return {
    code: result.code,
    all: `${result.stdout}\n${result.stderr}\n${file}`,
    stderr: result.stderr,
    report: file ? JSON.parse(file) : undefined,
    stdoutReport: result.stdout ? JSON.parse(result.stdout) : undefined,
  }
}

/** The fields shown `<redacted>` in a report's samples (before or after). */
function redactedFields(report: { samples: { before: object; after: object }[] }): Set<string> {
  const shown = new Set<string>()
  for (const sample of report.samples) {
    for (const side of [sample.before, sample.after]) {
      for (const [name, value] of Object.entries(side)) if (value === REDACTED) shown.add(name)
    }
  }
  return shown
}

function expectNoSecret(output: string, secrets: string[]) {
  const leaked = secrets.filter((s) => output.includes(s))
  expect(leaked).toEqual([])
}

describe("no secret in any output", () => {
  it("migrate plan|run (to the current Auth.js layout): v3 items with every secret field", async () => {
    const sessionToken = secret("v3-session-token")
    const tokenHash = secret("vt-hash")
    const extras = allSecrets("v3-user")
    const account = {
      accessToken: secret("v3-accessToken"),
      refreshToken: secret("v3-refreshToken"),
    }
    const sessionAccessToken = secret("v3-session-accessToken")
    const tableName = await newTable([
      // A v3 user without email (its USER#null index keys go), carrying every field of the list.
      {
        pk: "USER#u1",
        sk: "USER#u1",
        GSI1PK: "USER#null",
        GSI1SK: "USER#null",
        type: "USER",
        id: "u1",
        ...extras,
      },
      // A v3 account: its tokens are copied to the current names.
      {
        pk: "USER#u1",
        sk: "ACCOUNT#github#42",
        GSI1PK: "ACCOUNT#42",
        GSI1SK: "ACCOUNT#github",
        type: "ACCOUNT",
        providerId: "github",
        providerType: "oauth",
        providerAccountId: "42",
        userId: "u1",
        ...account,
      },
      // A v3 session without `sessionToken` and index keys (both come from its key), ISO expires.
      {
        pk: "USER#u1",
        sk: `SESSION#${sessionToken}`,
        type: "SESSION",
        userId: "u1",
        accessToken: sessionAccessToken,
        expires: new Date(LATER * 1000).toISOString(),
      },
      // A verification token of 1.0.0 whose identifier and token come from its key.
      { pk: "VT#ada@example.com", sk: `VT#${tokenHash}`, type: "VT", expires: LATER },
    ])
    const secrets = [
      sessionToken,
      tokenHash,
      sessionAccessToken,
      ...Object.values(extras),
      ...Object.values(account),
    ]
    for (const sub of ["plan", "run"]) {
      const out = await outputsOf(["migrate", sub, "--table", tableName, "--drop-legacy"])
      expect(out.code).toBe(0)
      expectNoSecret(out.all, secrets)
      expect(out.stderr).toContain(`${sub} ${tableName}`) // the summary was printed
      expect(out.stdoutReport).toEqual(out.report)
      // What the samples show of secrets, each redacted: the session's key and index keys, the
      // token and identifier taken from keys, the v3 tokens and their copies.
      const samples = JSON.stringify(out.report.samples)
      expect(samples).toContain(`"sk":"SESSION#${REDACTED}"`)
      expect(samples).toContain(`"GSI1PK":"SESSION#${REDACTED}"`)
      expect(samples).toContain(`"sk":"VT#${REDACTED}"`)
      expect([...redactedFields(out.report)].sort()).toEqual(
        [
          "accessToken",
          "access_token",
          "identifier",
          "refreshToken",
          "refresh_token",
          "sessionToken",
          "token",
        ].sort(),
      )
    }
    // An error stops the run: no secret in its message either.
    const missing = await outputsOf([
      "migrate",
      "run",
      "--table",
      tableName,
      "--target-table",
      uniqueTable("no-such"),
    ])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/table not found/)
    expectNoSecret(missing.all, secrets)
  })

  it("migrate plan|run --to better-auth: every field of the list, in the samples and in failures", async () => {
    const sessionToken = secret("session-token")
    const takenToken = secret("taken-session-token")
    const tokenHash = secret("vt-hash")
    const userExtras = allSecrets("user")
    const oauth = {
      access_token: secret("access_token"),
      refresh_token: secret("refresh_token"),
      id_token: secret("id_token"),
      oauth_token: secret("oauth_token"),
      oauth_token_secret: secret("oauth_token_secret"),
      session_state: secret("session_state"),
      // v3 names, kept beside the current ones by the Auth.js migration.
      accessToken: secret("v3-accessToken"),
      refreshToken: secret("v3-refreshToken"),
    }
    const email = `ada-${randomUUID().slice(0, 8)}@example.com`
    const tableName = await newTable([
      {
        pk: "USER#u1",
        sk: "USER#u1",
        GSI1PK: `USER#${email}`,
        GSI1SK: `USER#${email}`,
        type: "USER",
        id: "u1",
        email,
        emailVerified: null,
        ...userExtras,
      },
      {
        pk: "USER#u1",
        sk: "ACCOUNT#github#42",
        GSI1PK: "ACCOUNT#github",
        GSI1SK: "ACCOUNT#42",
        type: "oauth",
        userId: "u1",
        provider: "github",
        providerAccountId: "42",
        expires_at: LATER,
        ...oauth,
      },
      ...[sessionToken, takenToken].map((token) => ({
        pk: "USER#u1",
        sk: `SESSION#${token}`,
        GSI1PK: `SESSION#${token}`,
        GSI1SK: `SESSION#${token}`,
        type: "SESSION",
        sessionToken: token,
        userId: "u1",
        expires: LATER,
      })),
      {
        pk: `VT#${email}`,
        sk: `VT#${tokenHash}`,
        type: "VT",
        identifier: email,
        token: tokenHash,
        expires: LATER,
      },
      // Better Auth's claim on the second session's token, held by another record: that session
      // cannot be migrated and is listed among the failures (by its key).
      {
        pk: `session#token#${takenToken}`,
        sk: `session#token#${takenToken}`,
        _claim: "session",
        _ref: "someone-else",
      },
    ])
    const secrets = [
      sessionToken,
      takenToken,
      tokenHash,
      ...Object.values(userExtras),
      ...Object.values(oauth),
    ]
    for (const sub of ["plan", "run"]) {
      const out = await outputsOf(["migrate", sub, "--table", tableName, "--to", "better-auth"])
      expectNoSecret(out.all, secrets)
      expect(out.stdoutReport).toEqual(out.report)
      expect(out.report.problems).toMatchObject({ "claim.taken": 1 })
      // Field by field: each one of the list is in a sample, shown redacted.
      const shown = redactedFields(out.report)
      expect(FIELDS.filter((field) => !shown.has(field))).toEqual([])
      if (sub === "run") {
        expect(out.code).toBe(3)
        expect(out.report.failures).toEqual([
          expect.objectContaining({ key: { pk: "USER#u1", sk: `SESSION#${REDACTED}` } }),
        ])
      }
    }
    const missing = await outputsOf([
      "migrate",
      "run",
      "--table",
      tableName,
      "--to",
      "better-auth",
      "--target-table",
      uniqueTable("no-such"),
    ])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/table not found/)
    expectNoSecret(missing.all, secrets)
  })
})
