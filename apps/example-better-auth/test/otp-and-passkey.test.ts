/**
 * In Chromium, on Node: sign in with a code from the dev inbox (a new user, then the same user
 * again), register a passkey with Chromium's virtual authenticator, and sign in with it alone.
 */
import { expect, it } from "vitest"
import {
  addVirtualAuthenticator,
  credentials,
} from "../../example/test/support/virtual-authenticator.ts"
import { shownUserId, signInByCode, uniqueEmail, useExample } from "./support/example.ts"

const example = useExample()

it("an emailed code signs up a new user and signs the same user in again", async () => {
  const email = uniqueEmail("otp")
  const first = await example.browser().newContext()
  const page = await first.newPage()
  await signInByCode(page, example.nodeUrl, example.nodeUrl, email)
  const userId = await page.textContent('[data-testid="user-id"]')
  await first.close()

  const second = await example.browser().newContext()
  const again = await second.newPage()
  await signInByCode(again, example.nodeUrl, example.nodeUrl, email)
  expect(await again.textContent('[data-testid="user-id"]')).toBe(userId)

  // A code is good once: the one just used is refused.
  await again.click("#sign-out")
  await again.waitForSelector("#otp")
  const inbox = await second.newPage()
  await inbox.goto(`${example.nodeUrl}/dev/inbox?to=${encodeURIComponent(email)}`)
  const used = (await inbox.locator('[data-testid="code"]').first().textContent()) as string
  const replay = await second.request.post(`${example.nodeUrl}/api/auth/sign-in/email-otp`, {
    data: { email, otp: used },
    headers: { origin: example.nodeUrl },
  })
  expect(replay.status()).toBeGreaterThanOrEqual(400)
  expect(await shownUserId(again, example.nodeUrl)).toBeNull()
  await second.close()
})

it("registers a passkey, then signs in with it in a fresh browser", async () => {
  const email = uniqueEmail("passkey")
  const context = await example.browser().newContext()
  const page = await context.newPage()
  const authenticator = await addVirtualAuthenticator(page)
  await signInByCode(page, example.nodeUrl, example.nodeUrl, email)
  const userId = await page.textContent('[data-testid="user-id"]')
  expect(await page.textContent('[data-testid="passkey-count"]')).toBe("0")
  await page.click("#add-passkey")
  await expect.poll(() => page.textContent('[data-testid="passkey-count"]')).toBe("1")

  // The authenticator holds one discoverable credential for this site.
  const [credential, ...more] = await credentials(authenticator)
  expect(more).toHaveLength(0)
  expect(credential?.isResidentCredential).toBe(true)
  expect(credential?.rpId).toBe("localhost")
  await context.close()

  // A new browser profile with the same authenticator: no cookie, only the passkey says who.
  const fresh = await example.browser().newContext()
  const freshPage = await fresh.newPage()
  const freshAuthenticator = await addVirtualAuthenticator(freshPage)
  await freshAuthenticator.cdp.send("WebAuthn.addCredential", {
    authenticatorId: freshAuthenticator.authenticatorId,
    credential: credential!,
  })
  await freshPage.goto(example.nodeUrl)
  await freshPage.click("#passkey-sign-in")
  await freshPage.waitForSelector('[data-testid="user-id"]')
  expect(await freshPage.textContent('[data-testid="user-id"]')).toBe(userId)
  expect(await freshPage.textContent('[data-testid="user-email"]')).toBe(email)
  // The signature counter went up and Better Auth accepted it.
  const [used] = await credentials(freshAuthenticator)
  expect(used?.signCount).toBeGreaterThan(credential!.signCount)
  await fresh.close()
})

it("a passkey sign-in with no passkey fails and stays signed out", async () => {
  const context = await example.browser().newContext()
  const page = await context.newPage()
  await addVirtualAuthenticator(page)
  await page.goto(example.nodeUrl)
  await page.click("#passkey-sign-in")
  await expect.poll(() => page.textContent("#error")).toBe("No passkey was used.")
  expect((await context.cookies()).some((c) => c.name === "better-auth.session_token")).toBe(false)
  await context.close()
})
