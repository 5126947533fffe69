/**
 * One session, two runtimes: Better Auth's handler on Node (AWS SDK) and inside a Cloudflare
 * Worker (workerd, aws4fetch), on one table with one secret. A cookie is per host, not per port,
 * so the browser presents the same session cookie to both.
 */
import { expect, it } from "vitest"
import { shownUserId, signInByCode, uniqueEmail, useExample } from "./support/example.ts"

const example = useExample()

it("a session made on Node is the Worker's session too", async () => {
  const context = await example.browser().newContext()
  const page = await context.newPage()
  const email = uniqueEmail("node-first")
  await page.goto(example.nodeUrl)
  await page.fill('#auth input[name="email"]', email)
  await page.fill('#auth input[name="password"]', "correct horse battery")
  await page.click('button[value="sign-up"]')
  const userId = await page.textContent('[data-testid="user-id"]')
  expect(userId).toMatch(/\S{8,}/)

  // The Worker's page and Better Auth's session endpoint in the Worker see the same user.
  await page.click('[data-testid="other"]')
  expect(await page.textContent('[data-testid="runtime"]')).toBe("a Cloudflare Worker (workerd)")
  expect(await page.textContent('[data-testid="user-id"]')).toBe(userId)
  const response = await context.request.get(`${example.workerUrl}/api/auth/get-session`)
  expect(response.status()).toBe(200)
  const session = await response.json()
  expect(session.user).toMatchObject({ id: userId, email })
  expect(session.session.userId).toBe(userId)

  // Signed out in the Worker: Node no longer knows the session either.
  await page.click("#sign-out")
  await page.waitForSelector("#auth")
  expect(await shownUserId(page, example.nodeUrl)).toBeNull()
  await context.close()
})

it("a session made in the Worker (by an emailed code) is Node's session too", async () => {
  const context = await example.browser().newContext()
  const page = await context.newPage()
  const email = uniqueEmail("worker-first")
  // The Worker mails its code to the Node server's dev inbox.
  await signInByCode(page, example.workerUrl, example.nodeUrl, email)
  expect(await page.textContent('[data-testid="runtime"]')).toBe("a Cloudflare Worker (workerd)")
  const userId = await page.textContent('[data-testid="user-id"]')

  expect(await shownUserId(page, example.nodeUrl)).toBe(userId)
  expect(await page.textContent('[data-testid="user-email"]')).toBe(email)
  await context.close()
})
