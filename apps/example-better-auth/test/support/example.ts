/**
 * Per test file: the example (Node server and Worker) on a fresh table of the run's DynamoDB
 * Local, and one Chromium, started before the file's tests and stopped after.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { createNodeTransport } from "@dynamoauth/adapter-node"
import { uniqueName } from "@dynamoauth/testing/contract"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { type Browser, chromium, type Page } from "playwright-core"
import { afterAll, beforeAll, expect, inject } from "vitest"
import { startStack } from "../../scripts/stack.ts"
import { ensureTable } from "../../src/table.ts"

const SECRET = "a-test-secret-0123456789abcdef-0123456789"

export function useExample() {
  const endpoint = dynamodbEndpoint()
  const tableName = uniqueName("example-better-auth")
  const transport = createNodeTransport(
    new DynamoDBClient({
      endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    }),
  )
  let stack: Awaited<ReturnType<typeof startStack>> | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    expect(await ensureTable(transport, tableName)).toBe("created")
    stack = await startStack({ endpoint, tableName, secret: SECRET, port: 0, workerPort: 0 })
    browser = await chromium.launch({
      executablePath: inject("chromium"),
      // Both servers listen on 127.0.0.1 and are browsed as localhost (WebAuthn needs a name).
      args: ["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP localhost 127.0.0.1"],
    })
  })
  afterAll(async () => {
    await browser?.close()
    await stack?.stop()
  })
  return {
    endpoint,
    tableName,
    transport,
    get nodeUrl() {
      return stack!.nodeUrl
    },
    get workerUrl() {
      return stack!.workerUrl
    },
    browser: () => browser!,
  }
}

export const uniqueEmail = (label: string) =>
  `${label}-${crypto.randomUUID().slice(0, 8)}@example.test`

/** The signed-in user's id as the page at `origin` shows it (null when signed out). */
export async function shownUserId(page: Page, origin: string): Promise<string | null> {
  await page.goto(origin)
  const id = page.locator('[data-testid="user-id"]')
  return (await id.count()) ? id.textContent() : null
}

/** Asks `origin` for a code, reads it from the Node server's dev inbox, signs in with it. */
export async function signInByCode(page: Page, origin: string, nodeUrl: string, email: string) {
  await page.goto(origin)
  await page.fill('#otp input[name="email"]', email)
  await page.click('#otp button[value="send"]')
  await expect.poll(() => page.textContent("#status")).toContain("Code sent")
  const inbox = await page.context().newPage()
  await inbox.goto(`${nodeUrl}/dev/inbox?to=${encodeURIComponent(email)}`)
  const code = await inbox.locator('[data-testid="code"]').first().textContent()
  await inbox.close()
  expect(code).toMatch(/^\d{6}$/)
  await page.fill('#otp input[name="otp"]', code as string)
  await page.click('#otp button[value="sign-in"]')
  await page.waitForSelector('[data-testid="user-email"]')
  expect(await page.textContent('[data-testid="user-email"]')).toBe(email.toLowerCase())
}
