/**
 * In Chromium: sign up, sign out, a wrong password refused, sign in, sign out, through the
 * page and Better Auth's handler on Node, on DynamoDB Local.
 */
import { scanAll } from "@dynamoauth/testing/contract"
import { expect, it } from "vitest"
import { uniqueEmail, useExample } from "./support/example.ts"

const example = useExample()

it("signs up, signs out, signs in with the password and signs out again", async () => {
  const page = await example.browser().newPage()
  const email = uniqueEmail("ada")
  await page.goto(example.nodeUrl)
  expect(await page.textContent('[data-testid="runtime"]')).toBe("Node")
  await page.fill('#auth input[name="email"]', email)
  await page.fill('#auth input[name="password"]', "correct horse battery")
  await page.click('button[value="sign-up"]')
  expect(await page.textContent('[data-testid="user-email"]')).toBe(email)

  await page.click("#sign-out")
  await page.waitForSelector('#auth button[value="sign-in"]')

  await page.fill('#auth input[name="email"]', email)
  await page.fill('#auth input[name="password"]', "wrong password")
  // Checking a password takes a while (scrypt): wait for Better Auth's answer, then the message.
  const refused = page.waitForResponse((r) => r.url().endsWith("/api/auth/sign-in/email"))
  await page.click('#auth button[value="sign-in"]')
  expect((await refused).status()).toBe(401)
  await expect.poll(() => page.textContent("#error")).toMatch(/invalid email or password/i)

  await page.fill('#auth input[name="password"]', "correct horse battery")
  await page.click('#auth button[value="sign-in"]')
  expect(await page.textContent('[data-testid="user-email"]')).toBe(email)
  const cookies = await page.context().cookies()
  expect(cookies.map((c) => c.name)).toContain("better-auth.session_token")

  await page.click("#sign-out")
  await page.waitForSelector('#auth button[value="sign-in"]')
  // Signed out for real: the page, reloaded, still offers the form.
  await page.reload()
  expect(await page.$('[data-testid="user-email"]')).toBeNull()

  // Everything Better Auth stored went to the table: the user and its credential account (and
  // their claims); both sessions were deleted by the sign-outs.
  const models = (await scanAll(example.transport, example.tableName)).map(
    (item) => (item._m as { S?: string })?.S,
  )
  expect(models.filter(Boolean).sort()).toEqual(["account", "user"])
  await page.close()
})
