/**
 * The email (magic-link) sign-in flow as a browser would drive it, over any HTTP handler:
 * csrf → sign-in → the link "mailed" by the provider → callback → session → sign-out,
 * with a cookie jar and no redirects followed. Each step asserts what Auth.js answers;
 * the caller checks the table.
 */
import { expect } from "vitest"

/** Sends one request to the framework's handler (a server over fetch, or the handler itself). */
export type Send = (request: Request) => Promise<Response>

/** Where the "mail" goes: the provider's sendVerificationRequest records the link here. */
export class Mailbox {
  readonly #links = new Map<string, string>()
  deliver = (to: string, url: string): void => void this.#links.set(to, url)
  take(to: string): string {
    const url = this.#links.get(to)
    if (!url) throw new Error(`no magic link was sent to ${to}`)
    this.#links.delete(to)
    return url
  }
}

/** An email provider in the shape both next-auth 4 and Auth.js 5 accept, sending to `mailbox`. */
export function emailProvider(mailbox: Mailbox) {
  return {
    id: "email" as const,
    type: "email" as const,
    name: "Email" as const,
    from: "frameworks-test <no-reply@localhost>",
    server: "",
    maxAge: 10 * 60,
    options: {},
    async sendVerificationRequest(params: { identifier: string; url: string }) {
      mailbox.deliver(params.identifier, params.url)
    },
  }
}

/** Auth.js's session callback, plus the user's id (the test reads the user's item by it). */
export function sessionWithUserId<S extends { user?: object }>(params: {
  session: S
  user: { id: string }
}): S {
  return { ...params.session, user: { ...params.session.user, id: params.user.id } }
}

/** A fresh secret per server; Auth.js signs and encrypts its cookies with it. */
export function testSecret(): string {
  return crypto.randomUUID() + crypto.randomUUID()
}

class CookieJar {
  readonly #cookies = new Map<string, string>()

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; ")
  }

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";")
      const eq = pair.indexOf("=")
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const expired = attributes.some((a) => {
        const [key = "", v = ""] = a.trim().split("=")
        const k = key.toLowerCase()
        return (
          (k === "max-age" && Number(v) <= 0) || (k === "expires" && Date.parse(v) < Date.now())
        )
      })
      if (expired || value === "") this.#cookies.delete(name)
      else this.#cookies.set(name, value)
    }
  }

  /** The value of the one cookie whose name ends with `suffix` (`.session-token`). */
  find(suffix: string): string | undefined {
    for (const [name, value] of this.#cookies) if (name.endsWith(suffix)) return value
    return undefined
  }
}

export interface FlowOptions {
  send: Send
  /** The handler's base URL, e.g. `http://127.0.0.1:1234/api/auth`. */
  base: string
  mailbox: Mailbox
  email: string
  /** Called while signed in, before sign-out, with the session token from the cookie. */
  whileSignedIn(state: SignedIn): Promise<void>
}

export interface SignedIn {
  sessionToken: string
  session: { user: { id: string; email: string }; expires: string }
}

/** Runs the whole flow; returns the session token that sign-out ended. */
export async function emailSignInFlow(options: FlowOptions): Promise<string> {
  const { send, base, mailbox, email } = options
  const jar = new CookieJar()
  const request = async (url: string, init: { method?: string; form?: Record<string, string> }) => {
    const headers = new Headers({ cookie: jar.header() })
    let body: URLSearchParams | undefined
    if (init.form) {
      body = new URLSearchParams(init.form)
      headers.set("content-type", "application/x-www-form-urlencoded")
    }
    const response = await send(
      new Request(url, { method: init.method ?? "GET", headers, body, redirect: "manual" }),
    )
    jar.store(response)
    return response
  }
  const callbackUrl = new URL("/dashboard", base).href

  const csrf = await request(`${base}/csrf`, {})
  expect(csrf.status).toBe(200)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  expect(csrfToken).toMatch(/^[0-9a-f]{64}$/)

  const signIn = await request(`${base}/signin/email`, {
    method: "POST",
    form: { csrfToken, email, callbackUrl },
  })
  expect(signIn.status).toBe(302)
  expect(signIn.headers.get("location")).toContain("/verify-request")

  // The link as mailed, sent to this handler (it names the origin Auth.js saw).
  const link = new URL(mailbox.take(email))
  expect(link.pathname).toBe(`${new URL(base).pathname}/callback/email`)
  const callback = await request(`${base}/callback/email${link.search}`, {})
  expect(callback.status).toBe(302)
  expect(callback.headers.get("location")).toBe(callbackUrl)
  const sessionToken = jar.find(".session-token")
  expect(sessionToken).toBeTruthy()

  const sessionResponse = await request(`${base}/session`, {})
  expect(sessionResponse.status).toBe(200)
  const session = (await sessionResponse.json()) as SignedIn["session"]
  expect(session.user.email).toBe(email)
  await options.whileSignedIn({ sessionToken: sessionToken as string, session })

  const signOut = await request(`${base}/signout`, { method: "POST", form: { csrfToken } })
  expect(signOut.status).toBe(302)
  expect(jar.find(".session-token")).toBeUndefined()
  // Signed out: next-auth 4 answers `{}`, Auth.js 5 `null`.
  const after = await request(`${base}/session`, {})
  expect((await after.json()) ?? {}).toEqual({})
  return sessionToken as string
}
