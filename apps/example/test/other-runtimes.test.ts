import { expect, inject, test } from "vitest"
import {
  accountUserId,
  appOrigin,
  browserForFile,
  newContext,
  screenshot,
  signInByMagicLink,
  uniqueEmail,
} from "./support/browser"

const browser = browserForFile()

test("the Worker and the route handler see the same signed-in user", async () => {
  const email = uniqueEmail("runtimes")
  const context = await newContext(browser())
  const page = await context.newPage()
  await signInByMagicLink(page, email)
  const userId = await accountUserId(page)

  // The Worker, on the app's host under /worker/, gets the app's cookie.
  await page.goto(`${appOrigin()}/worker/`)
  expect(await page.textContent('[data-testid="worker-email"]')).toBe(email)
  expect(await page.textContent('[data-testid="worker-user-id"]')).toBe(userId)
  await screenshot(page, "worker-signed-in")

  const worker = await context.request.get(`${appOrigin()}/worker/session.json`)
  expect(worker.status()).toBe(200)
  expect(await worker.json()).toMatchObject({
    signedIn: true,
    runtime: "Cloudflare-Workers",
    user: { id: userId, email },
  })

  const route = await context.request.get(`${appOrigin()}/api/session`)
  expect(route.status()).toBe(200)
  expect(await route.json()).toMatchObject({ signedIn: true, user: { id: userId, email } })
  await context.close()
})

test("the Worker, reached directly, recognises the same cookie and rejects a forged one", async () => {
  const email = uniqueEmail("direct")
  const context = await newContext(browser())
  const page = await context.newPage()
  await signInByMagicLink(page, email)
  const token = (await context.cookies()).find((c) => c.name === "authjs.session-token")?.value
  expect(token).toBeTruthy()

  const direct = await fetch(`${inject("workerUrl")}/worker/session.json`, {
    headers: { cookie: `authjs.session-token=${token}` },
  })
  expect(await direct.json()).toMatchObject({ signedIn: true, user: { email } })

  const forged = await fetch(`${inject("workerUrl")}/worker/session.json`, {
    headers: { cookie: `authjs.session-token=${crypto.randomUUID()}` },
  })
  expect(forged.status).toBe(401)
  expect(await forged.json()).toMatchObject({ signedIn: false })

  const signedOut = await fetch(`${inject("appUrl")}/api/session`)
  expect(signedOut.status).toBe(401)
  await context.close()
})
