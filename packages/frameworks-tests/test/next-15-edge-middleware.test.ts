/**
 * Edge middleware stays proven: a Next.js 15 app (test/next-15-edge) whose `middleware.js` runs
 * on the Edge Runtime and checks a database session through `@dynamoauth/adapter-edge` with
 * `getActiveSession`, built once per run (`next build`) and served (`next start`), driven over
 * HTTP against DynamoDB Local. Next.js 16 deprecates the Edge Runtime (the example app runs its
 * proxy on Node); Next 15 apps, Vercel's edge middleware and Workers still use it.
 */
import { readFileSync, realpathSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { DynamoDBAdapter } from "@dynamoauth/adapter-edge"
import { createNodeTransport } from "@dynamoauth/adapter-node"
import { createTable, uniqueName } from "@dynamoauth/testing/contract"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { type BuiltApp, buildNextApp, type NextApp, startNextApp } from "./support/next-app.js"

const APP_SOURCE = fileURLToPath(new URL("next-15-edge", import.meta.url))
/** This package's dependency `name`, as installed. */
const installed = (name: string) =>
  realpathSync(fileURLToPath(new URL(`../node_modules/${name}`, import.meta.url)))
// What the app's node_modules holds. The workspace's `next` is 16; `next-15` is npm's
// next@15.5.29 under another name, linked as the app's `next`.
const APP_PACKAGES = {
  next: installed("next-15"),
  react: installed("react"),
  "react-dom": installed("react-dom"),
  "@dynamoauth/core": installed("@dynamoauth/core"),
  "@dynamoauth/adapter-edge": installed("@dynamoauth/adapter-edge"),
}
/** DynamoDB Local keeps one database per access key and region: the app uses these too. */
const CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test-secret-key" }
const REGION = "us-east-1"

const endpoint = dynamodbEndpoint()
const tableName = uniqueName("next-15-edge")
// Seeds and reads back the table from the test process, with a limit for a loaded machine.
const adapter = DynamoDBAdapter(
  { endpoint, region: REGION, credentials: CREDENTIALS, timeoutMs: 30_000 },
  { tableName },
)
let built: BuiltApp | undefined
let app: NextApp | undefined

beforeAll(async () => {
  const sdk = new DynamoDBClient({ endpoint, region: REGION, credentials: CREDENTIALS })
  await createTable(createNodeTransport(sdk), { tableName }).finally(() => sdk.destroy())
  built = await buildNextApp(APP_SOURCE, APP_PACKAGES)
  app = await startNextApp(built.dir, {
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    DYNAMOAUTH_TABLE: tableName,
  })
}, 600_000)
afterAll(async () => {
  await app?.stop()
  await built?.remove()
})

async function members(sessionToken?: string) {
  const response = await fetch(`${app?.url}/members`, {
    headers: sessionToken ? { cookie: `authjs.session-token=${sessionToken}` } : {},
  })
  return { status: response.status, body: await response.json() }
}

async function userWithSession(expires: Date) {
  const user = await adapter.createUser({
    id: crypto.randomUUID(),
    email: `${crypto.randomUUID()}@example.test`,
    emailVerified: null,
  })
  const session = { sessionToken: crypto.randomUUID(), userId: user.id, expires }
  await adapter.createSession(session)
  return { user, session }
}

describe("Next.js 15.5 edge middleware with adapter-edge (next build, next start)", () => {
  test("the build is Next.js 15 and the middleware an Edge Runtime function", () => {
    expect(built?.output).toMatch(/Next\.js 15\.5\.29/)
    const manifest = JSON.parse(
      readFileSync(join(built?.dir ?? "", ".next/server/middleware-manifest.json"), "utf8"),
    )
    // Edge functions are listed under `middleware`; Node middleware (15.5's option) is not.
    expect(Object.keys(manifest.middleware)).toEqual(["/"])
    expect(
      manifest.middleware["/"].matchers.map((m: { originalSource: string }) => m.originalSource),
    ).toEqual(["/members"])
  })

  test("a live session passes, checked on the Edge Runtime", async () => {
    const { user, session } = await userWithSession(new Date(Date.now() + 3_600_000))
    expect(await members(session.sessionToken)).toEqual({
      status: 200,
      body: { signedIn: true, user: { id: user.id, email: user.email, runtime: "edge" } },
    })
  })

  test("no session cookie, and an unknown token, are refused", async () => {
    expect(await members()).toEqual({ status: 401, body: { signedIn: false, runtime: "edge" } })
    expect(await members(crypto.randomUUID())).toEqual({
      status: 401,
      body: { signedIn: false, runtime: "edge" },
    })
  })

  test("an expired session still in the table (TTL not yet run) is refused", async () => {
    const { session } = await userWithSession(new Date(Date.now() - 3_600_000))
    // The adapter returns it, as Auth.js expects: only the expiry check refuses it.
    expect(await adapter.getSessionAndUser(session.sessionToken)).not.toBeNull()
    expect(await members(session.sessionToken)).toEqual({
      status: 401,
      body: { signedIn: false, runtime: "edge" },
    })
  })
})
