import { expect, test } from "vitest"
import {
  accountUserId,
  appOrigin,
  browserForFile,
  newContext,
  screenshot,
  signedOutVisit,
  signInByMagicLink,
  uniqueEmail,
} from "./support/browser"

const browser = browserForFile()

test("proxy: /members redirects to sign-in when signed out", async () => {
  expect(await signedOutVisit(browser(), "/members")).toEqual({
    pathname: "/signin",
    callbackUrl: "/members",
  })
})

test("proxy: signed in, /members shows the user the proxy found in the table, checked on Node", async () => {
  const email = uniqueEmail("members")
  const context = await newContext(browser())
  const page = await context.newPage()
  await signInByMagicLink(page, email)
  const userId = await accountUserId(page)

  // A header a client sends is replaced by the proxy's own.
  await context.setExtraHTTPHeaders({
    "x-checked-user": JSON.stringify({ id: "forged", email: "forged@example.test" }),
  })
  await page.goto(`${appOrigin()}/members`)
  expect(new URL(page.url()).pathname).toBe("/members")
  expect(await page.textContent('[data-testid="members-email"]')).toBe(email)
  expect(await page.textContent('[data-testid="members-user-id"]')).toBe(userId)
  expect(await page.textContent('[data-testid="members-runtime"]')).toBe("nodejs")
  await screenshot(page, "members-signed-in")
  await context.close()
})

test("proxy: after sign out everywhere in another browser, this one's cookie no longer opens /members", async () => {
  const email = uniqueEmail("members-everywhere")
  const first = await newContext(browser())
  const second = await newContext(browser())
  const a = await first.newPage()
  const b = await second.newPage()
  await signInByMagicLink(a, email)
  await signInByMagicLink(b, email)
  await b.goto(`${appOrigin()}/members`)
  expect(await b.textContent('[data-testid="members-email"]')).toBe(email)

  await a.goto(`${appOrigin()}/account`)
  await a.click('button:has-text("Sign out everywhere")')
  await a.waitForURL(/\/signin/)

  // The second browser still sends its cookie: only the database check can refuse it.
  expect((await second.cookies()).some((c) => c.name === "authjs.session-token")).toBe(true)
  await b.goto(`${appOrigin()}/members`)
  expect(new URL(b.url()).pathname).toBe("/signin")
  await screenshot(b, "members-signed-out-everywhere")
  await first.close()
  await second.close()
})
