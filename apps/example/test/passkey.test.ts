import { expect, test } from "vitest"
import {
  accountUserId,
  appOrigin,
  browserForFile,
  newContext,
  screenshot,
  signInByMagicLink,
  uniqueEmail,
} from "./support/browser"
import { addVirtualAuthenticator, credentials } from "./support/virtual-authenticator"

const browser = browserForFile()

test("passkey: register on /account, then sign in with it in a fresh browser", async () => {
  const email = uniqueEmail("passkey")
  const context = await newContext(browser())
  const page = await context.newPage()
  const authenticator = await addVirtualAuthenticator(page)

  await signInByMagicLink(page, email)
  const userId = await accountUserId(page)
  await page.click('button:has-text("Add a passkey")')
  await page.waitForSelector('[data-testid="passkey-added"]')
  await page.reload()
  expect(await page.locator('[data-testid="passkeys"] li').count()).toBe(1)
  expect(await page.textContent('[data-testid="linked-accounts"]')).toContain("passkey (webauthn)")
  await screenshot(page, "passkey-registered")

  // The authenticator now holds one discoverable credential for this site and this user.
  const [credential, ...more] = await credentials(authenticator)
  expect(more).toHaveLength(0)
  expect(credential?.isResidentCredential).toBe(true)
  expect(credential?.rpId).toBe("localhost")
  await context.close()

  // A new browser profile with the same authenticator (the credential moved across):
  // no cookie, so only the passkey can say who this is.
  const fresh = await newContext(browser())
  const freshPage = await fresh.newPage()
  const freshAuthenticator = await addVirtualAuthenticator(freshPage)
  await freshAuthenticator.cdp.send("WebAuthn.addCredential", {
    authenticatorId: freshAuthenticator.authenticatorId,
    credential: credential!,
  })
  await freshPage.goto(`${appOrigin()}/signin?callbackUrl=/account`)
  await freshPage.click('button:has-text("Sign in with a passkey")')
  await freshPage.waitForURL(/\/account$/)
  expect(await freshPage.textContent('[data-testid="account-email"]')).toBe(email)
  expect(await accountUserId(freshPage)).toBe(userId)
  await screenshot(freshPage, "passkey-signed-in")

  // The authenticator's signature counter went up and was accepted.
  const [used] = await credentials(freshAuthenticator)
  expect(used?.signCount).toBeGreaterThan(credential!.signCount)
  await fresh.close()
})

test("passkey sign-in without any registered passkey fails and stays signed out", async () => {
  const context = await newContext(browser())
  const page = await context.newPage()
  await addVirtualAuthenticator(page)
  await page.goto(`${appOrigin()}/signin`)
  await page.click('button:has-text("Sign in with a passkey")')
  await page.waitForSelector("text=No passkey was used.")
  expect((await context.cookies()).some((c) => c.name === "authjs.session-token")).toBe(false)
  await context.close()
})
