/**
 * A session whose `expires` has passed but which DynamoDB's TTL has not deleted yet (that can
 * take days) opens nothing: the proxy, the route handler and the Worker each check it outside
 * Auth.js with `getActiveSession`, which the adapter's `getSessionAndUser` alone does not do.
 */
import { expect, inject, test } from "vitest"
import {
  appOrigin,
  browserForFile,
  newContext,
  screenshot,
  signInByMagicLink,
  uniqueEmail,
} from "./support/browser"
import { tableForFile } from "./support/table"

const browser = browserForFile()
const table = tableForFile()

test("an expired session still in the table opens neither /members, /api/session nor the Worker", async () => {
  const email = uniqueEmail("expired")
  const context = await newContext(browser())
  const page = await context.newPage()
  await signInByMagicLink(page, email)
  const token = (await context.cookies()).find((c) => c.name === "authjs.session-token")?.value
  expect(token).toBeTruthy()
  const sessionToken = token as string

  // While it is live, all three let it in.
  await page.goto(`${appOrigin()}/members`)
  expect(await page.textContent('[data-testid="members-email"]')).toBe(email)
  expect((await context.request.get(`${appOrigin()}/api/session`)).status()).toBe(200)
  expect((await context.request.get(`${appOrigin()}/worker/session.json`)).status()).toBe(200)

  // Leave the app's pages first: a page left open can still prefetch a route, whose layout runs
  // Auth.js's auth(), and Auth.js deletes an expired session (on a slow machine that came after
  // the expiry below and removed the item this test needs).
  await page.goto("about:blank")
  // It ended an hour ago; the item stays (TTL has not run) and the browser still sends its cookie.
  await table().updateSession({ sessionToken, expires: new Date(Date.now() - 3_600_000) })
  const stored = await table().getSessionAndUser(sessionToken)
  expect(stored?.session.expires.getTime()).toBeLessThan(Date.now())

  const route = await context.request.get(`${appOrigin()}/api/session`)
  expect(route.status()).toBe(401)
  expect(await route.json()).toEqual({ signedIn: false })
  const viaApp = await context.request.get(`${appOrigin()}/worker/session.json`)
  expect(viaApp.status()).toBe(401)
  expect(await viaApp.json()).toMatchObject({ signedIn: false, runtime: "Cloudflare-Workers" })
  const direct = await fetch(`${inject("workerUrl")}/worker/session.json`, {
    headers: { cookie: `authjs.session-token=${sessionToken}` },
  })
  expect(direct.status).toBe(401)
  // Only a check of `expires` refused it: the checks read and wrote nothing.
  expect(await table().getSessionAndUser(sessionToken)).toEqual(stored)

  await page.goto(`${appOrigin()}/members`)
  expect(new URL(page.url()).pathname).toBe("/signin")
  await screenshot(page, "members-expired-session")
  await context.close()
})
