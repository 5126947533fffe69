import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { afterAll, expect, inject, test } from "vitest"
import {
  accountUserId,
  appOrigin,
  browserForFile,
  newContext,
  screenshot,
  signInByMagicLink,
  uniqueEmail,
} from "./support/browser"
import { addVirtualAuthenticator } from "./support/virtual-authenticator"

const browser = browserForFile()
const db = DynamoDBDocument.from(
  new DynamoDBClient({
    endpoint: inject("endpoint"),
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  }),
)

afterAll(() => db.destroy())

async function userItems(userId: string) {
  const { Items } = await db.query({
    TableName: inject("tableName"),
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": `USER#${userId}` },
    ConsistentRead: true,
  })
  return Items ?? []
}

test('"sign out everywhere" ends the session of a second browser too', async () => {
  const email = uniqueEmail("everywhere")
  const first = await newContext(browser())
  const second = await newContext(browser())
  const a = await first.newPage()
  const b = await second.newPage()
  await signInByMagicLink(a, email)
  await signInByMagicLink(b, email)
  expect(await accountUserId(b)).toBe(await accountUserId(a))

  await a.reload()
  const rows = a.locator('[data-testid="sessions"] tr')
  expect(await rows.count()).toBe(2)
  expect(await rows.allTextContents()).toEqual(
    expect.arrayContaining([
      expect.stringContaining("this browser"),
      expect.stringContaining("another browser"),
    ]),
  )
  await screenshot(a, "sessions-before-sign-out-everywhere")

  await a.click('button:has-text("Sign out everywhere")')
  await a.waitForURL(/\/signin/)

  await b.goto(`${appOrigin()}/account`)
  expect(new URL(b.url()).pathname).toBe("/signin")
  await screenshot(b, "second-browser-signed-out")
  const route = await second.request.get(`${appOrigin()}/api/session`)
  expect(route.status()).toBe(401)
  await first.close()
  await second.close()
})

test("delete account removes the user, passkey and sessions; the email then signs up anew", async () => {
  const email = uniqueEmail("delete")
  const context = await newContext(browser())
  const page = await context.newPage()
  await addVirtualAuthenticator(page)
  await signInByMagicLink(page, email)
  const userId = await accountUserId(page)
  await page.click('button:has-text("Add a passkey")')
  await page.waitForSelector('[data-testid="passkey-added"]')
  expect((await userItems(userId)).map((i) => i.type).sort()).toEqual([
    "AUTHENTICATOR",
    "SESSION",
    "USER",
    "webauthn",
  ])

  await page.check('input[name="confirm"]')
  await page.click('button:has-text("Delete account")')
  await page.waitForURL(`${appOrigin()}/`)
  expect(await userItems(userId)).toEqual([])

  await signInByMagicLink(page, email)
  expect(await accountUserId(page)).not.toBe(userId)
  await screenshot(page, "after-delete-new-user")
  await context.close()
})
