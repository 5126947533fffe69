/**
 * Playwright (`playwright-core`) on Debian's Chromium, and the steps the tests share.
 * The app is browsed as `localhost`: WebAuthn refuses IP addresses as relying-party ids.
 */
import { join } from "node:path"
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core"
import { afterAll, beforeAll, expect, inject } from "vitest"
import { artifactsDir } from "./artifacts"

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject("chromium"),
    headless: true,
    // Playwright adds --headless and a fresh temporary --user-data-dir itself.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      // The app listens on 127.0.0.1 only; never try ::1 for localhost.
      "--host-resolver-rules=MAP localhost 127.0.0.1",
    ],
  })
}

/** One Chromium for the calling test file: launched before its tests, closed after. */
export function browserForFile(): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(() => browser?.close())
  return () => browser!
}

/** The app's origin as the browser sees it. */
export function appOrigin(): string {
  return inject("appUrl").replace("127.0.0.1", "localhost")
}

export function uniqueEmail(label: string): string {
  return `${label}-${crypto.randomUUID().slice(0, 8)}@example.test`
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifactsDir(), `${name}.png`), fullPage: true })
}

/** Asks for a magic link, opens it from the dev inbox and lands on /account. */
export async function signInByMagicLink(page: Page, email: string, shot?: string): Promise<void> {
  await page.goto(`${appOrigin()}/signin?callbackUrl=/account`)
  await page.fill('input[name="email"]', email)
  await page.click('button:has-text("Email me a link")')
  await page.waitForURL(/\/signin\/check-email/)
  await page.goto(`${appOrigin()}/dev/inbox?to=${encodeURIComponent(email)}`)
  if (shot) await screenshot(page, `${shot}-inbox`)
  await page.click(`[data-testid="inbox-message"][data-to="${email}"] a`)
  await page.waitForURL(/\/account$/)
  expect(await page.textContent('[data-testid="account-email"]')).toBe(email)
}

/** The signed-in user's id, read from /account. */
export async function accountUserId(page: Page): Promise<string> {
  await page.goto(`${appOrigin()}/account`)
  const id = await page.textContent('[data-testid="account-user-id"]')
  expect(id).toMatch(/\S+/)
  return id as string
}

export async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1000, height: 900 } })
}

/** Opens `path` signed out and returns where the app sent the browser (path and callbackUrl). */
export async function signedOutVisit(browser: Browser, path: string) {
  const page = await (await newContext(browser)).newPage()
  await page.goto(`${appOrigin()}${path}`)
  const url = new URL(page.url())
  await page.context().close()
  return { pathname: url.pathname, callbackUrl: url.searchParams.get("callbackUrl") }
}
