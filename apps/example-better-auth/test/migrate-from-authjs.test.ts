/**
 * The way forward: a user of the Auth.js example (a user and a live session written through
 * @dynamoauth/adapter-node, as the Auth.js example writes them, in a DynamoDB Local of its own)
 * is moved by `pnpm migrate-from-authjs` and then signs in to this example, by an emailed code,
 * as the same user; a browser still signed in to the Auth.js example stays signed in here.
 */
import { execFile } from "node:child_process"
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { promisify } from "node:util"
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { createNodeTransport, DynamoDBAdapter } from "@dynamoauth/adapter-node"
import { uniqueName } from "@dynamoauth/testing/contract"
import { type DynamoDBLocal, startDynamoDBLocal } from "@dynamoauth/testing/dynamodb-local"
import { afterAll, beforeAll, expect, it } from "vitest"
import { ensureTable } from "../src/table.ts"
import { shownUserId, signInByCode, uniqueEmail, useExample } from "./support/example.ts"

const example = useExample()
let authjsLocal: DynamoDBLocal
beforeAll(async () => {
  authjsLocal = await startDynamoDBLocal()
})
afterAll(() => authjsLocal?.stop())

it("moves an Auth.js user with one command; the user signs in here as the same user", async () => {
  const authjsTable = uniqueName("authjs")
  const client = new DynamoDBClient({
    endpoint: authjsLocal.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  })
  await ensureTable(createNodeTransport(client), authjsTable)
  const authjs = DynamoDBAdapter(client, { tableName: authjsTable })
  const email = uniqueEmail("authjs")
  // What a magic-link sign-in in the Auth.js example leaves: a verified user and a session.
  const user = await authjs.createUser({ email, emailVerified: new Date(), name: "Grace" })
  const sessionToken = crypto.randomUUID()
  await authjs.createSession({
    sessionToken,
    userId: user.id,
    expires: new Date(Date.now() + 86_400_000),
  })
  client.destroy()

  const dataDir = mkdtempSync(join(tmpdir(), "migrate-from-authjs-"))
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", "scripts/migrate-from-authjs.ts"],
    {
      cwd: join(import.meta.dirname, ".."),
      env: {
        ...process.env,
        AUTHJS_DYNAMODB_ENDPOINT: authjsLocal.endpoint,
        AUTHJS_TABLE: authjsTable,
        DYNAMODB_ENDPOINT: example.endpoint,
        DYNAMOAUTH_TABLE: example.tableName,
        DYNAMOAUTH_DATA_DIR: dataDir,
      },
    },
  )
  expect(stdout).toContain("Copied")
  const report = JSON.parse(readFileSync(join(dataDir, "migrate-report.json"), "utf8"))
  expect(report).toMatchObject({ ok: true, failed: 0 })
  expect(report.migrated).toBe(2) // the user and the session

  // Signed in by an emailed code: the Auth.js user's id, not a new user.
  const context = await example.browser().newContext()
  const page = await context.newPage()
  await signInByCode(page, example.nodeUrl, example.nodeUrl, email)
  expect(await page.textContent('[data-testid="user-id"]')).toBe(user.id)
  await context.close()

  // Still signed in to the Auth.js example (its cookie reaches this host too): the page signs
  // the kept session's token as Better Auth does, so no new sign-in is needed, in the Worker
  // (Web Crypto in workerd) as on Node.
  const kept = await example.browser().newContext()
  await kept.addCookies([
    { name: "authjs.session-token", value: sessionToken, domain: "localhost", path: "/" },
  ])
  const keptPage = await kept.newPage()
  expect(await shownUserId(keptPage, example.workerUrl)).toBe(user.id)
  const names = (await kept.cookies()).map((c) => c.name)
  expect(names).toContain("better-auth.session_token")
  expect(await shownUserId(keptPage, example.nodeUrl)).toBe(user.id)

  // Signing out ends that session: the Auth.js cookie left behind no longer signs anyone in.
  await keptPage.click("#sign-out")
  await keptPage.waitForSelector("#auth")
  expect((await kept.cookies()).map((c) => c.name)).toContain("authjs.session-token")
  expect(await shownUserId(keptPage, example.nodeUrl)).toBeNull()
  await kept.close()
})
