/**
 * In Chromium: sign up, sign out, sign in again with the password, sign out,
 * through the app's page and Better Auth's handler, on DynamoDB Local.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { createNodeTransport } from "@dynamoauth/adapter-node"
import { scanAll, uniqueName } from "@dynamoauth/testing/contract"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { type Browser, chromium } from "playwright-core"
import { afterAll, beforeAll, expect, inject, it } from "vitest"
import { startApp } from "../src/server.ts"
import { ensureTable } from "../src/table.ts"

const endpoint = dynamodbEndpoint()
const tableName = uniqueName("example-better-auth")
const transport = createNodeTransport(
  new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  }),
)
let app: Awaited<ReturnType<typeof startApp>>
let browser: Browser

beforeAll(async () => {
  expect(await ensureTable(transport, tableName)).toBe("created")
  app = await startApp({ endpoint, tableName, secret: "a-test-secret-0123456789abcdef", port: 0 })
  browser = await chromium.launch({
    executablePath: inject("chromium"),
    // The app listens on 127.0.0.1 and is browsed as localhost (Better Auth's baseURL).
    args: ["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP localhost 127.0.0.1"],
  })
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

it("signs up, signs out, signs in with the password and signs out again", async () => {
  const page = await browser.newPage()
  const email = `ada-${crypto.randomUUID().slice(0, 8)}@example.test`
  await page.goto(app.url)
  await page.fill('input[name="email"]', email)
  await page.fill('input[name="password"]', "correct horse battery")
  await page.click('button[value="sign-up"]')
  expect(await page.textContent('[data-testid="user-email"]')).toBe(email)

  await page.click("#sign-out")
  await page.waitForSelector('button[value="sign-in"]')

  await page.fill('input[name="email"]', email)
  await page.fill('input[name="password"]', "wrong password")
  // Checking a password takes a while (scrypt): wait for Better Auth's answer, then the message.
  const refused = page.waitForResponse((r) => r.url().endsWith("/api/auth/sign-in/email"))
  await page.click('button[value="sign-in"]')
  expect((await refused).status()).toBe(401)
  await expect.poll(() => page.textContent("#error")).toMatch(/invalid email or password/i)

  await page.fill('input[name="password"]', "correct horse battery")
  await page.click('button[value="sign-in"]')
  expect(await page.textContent('[data-testid="user-email"]')).toBe(email)
  const cookies = await page.context().cookies()
  expect(cookies.map((c) => c.name)).toContain("better-auth.session_token")

  await page.click("#sign-out")
  await page.waitForSelector('button[value="sign-in"]')
  // Signed out for real: the page, reloaded, still offers the form.
  await page.reload()
  expect(await page.$('[data-testid="user-email"]')).toBeNull()

  // Everything Better Auth stored went to the table: the user, its credential account and its
  // claims; both sessions were deleted by the sign-outs.
  const models = (await scanAll(transport, tableName)).map((item) => (item._m as { S?: string })?.S)
  expect(models.filter(Boolean).sort()).toEqual(["account", "user"])
})
