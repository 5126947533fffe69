import { readFileSync } from "node:fs"
import { join } from "node:path"
import { expect, test } from "vitest"
import { artifactsDir } from "./support/artifacts"
import {
  appOrigin,
  browserForFile,
  newContext,
  screenshot,
  signedOutVisit,
  signInByMagicLink,
  uniqueEmail,
} from "./support/browser"

const browser = browserForFile()

test("protected pages redirect to sign-in when signed out", async () => {
  expect(await signedOutVisit(browser(), "/account")).toEqual({
    pathname: "/signin",
    callbackUrl: "/account",
  })
})

test("magic link: sign in, see /account, sign out, /account redirects again", async () => {
  const email = uniqueEmail("magic")
  const context = await newContext(browser())
  const page = await context.newPage()

  await signInByMagicLink(page, email, "magic-link")
  await screenshot(page, "magic-link-account")
  expect(await page.textContent('[data-testid="signed-in-as"]')).toBe(email)
  // One active session, this one.
  expect(await page.locator('[data-testid="sessions"] tr').allTextContents()).toEqual([
    expect.stringContaining("this browser"),
  ])
  const cookie = (await context.cookies()).find((c) => c.name === "authjs.session-token")
  expect(cookie?.httpOnly).toBe(true)

  // The development mail transport also prints the link on the server console.
  const log = readFileSync(join(artifactsDir(), "server.log"), "utf8")
  expect(log).toContain(`[dev inbox] magic link for ${email}:`)

  await page.goto(`${appOrigin()}/signout`)
  await page.click('button:has-text("Sign out of this browser")')
  await page.waitForURL(`${appOrigin()}/`)
  expect((await context.cookies()).some((c) => c.name === "authjs.session-token")).toBe(false)

  await page.goto(`${appOrigin()}/account`)
  expect(new URL(page.url()).pathname).toBe("/signin")
  await screenshot(page, "magic-link-signed-out")
  await context.close()
})

test("a magic link works only once", async () => {
  const email = uniqueEmail("once")
  const context = await newContext(browser())
  const page = await context.newPage()
  await signInByMagicLink(page, email)
  const link = await page
    .goto(`${appOrigin()}/dev/inbox?to=${encodeURIComponent(email)}`)
    .then(() => page.getAttribute(`[data-testid="inbox-message"][data-to="${email}"] a`, "href"))

  const other = await (await newContext(browser())).newPage()
  await other.goto(link as string)
  expect(new URL(other.url()).searchParams.get("error")).toBe("Verification")
  expect(await other.textContent('[role="alert"]')).toContain("expired or was already used")
  await other.context().close()
  await context.close()
})
