/**
 * The one page, served by the Node server and by the Worker alike: who is signed in (read by
 * whichever runtime served it), or the ways to sign in: password, a code by email, a passkey.
 * Its script talks to Better Auth's endpoints on the same origin; WebAuthn's JSON helpers
 * (`parseCreationOptionsFromJSON`, `toJSON`) stand in for a client library.
 */
import { escapeHtml, layout } from "./html.js"

export interface PageContext {
  /** Who served the page, e.g. "Node" or "a Cloudflare Worker (workerd)". */
  runtime: string
  /** The same page on the other runtime. */
  other: { runtime: string; url: string }
  inboxUrl: string
}

export interface PageUser {
  id: string
  email: string
  passkeys: number
}

export function page(user: PageUser | null, context: PageContext): string {
  const body = user
    ? `<p>Signed in as <strong data-testid="user-email">${escapeHtml(user.email)}</strong>
         (user id <code data-testid="user-id">${escapeHtml(user.id)}</code>).</p>
       <p>Passkeys: <span data-testid="passkey-count">${user.passkeys}</span>
         <button id="add-passkey">Add a passkey</button></p>
       <button id="sign-out">Sign out</button>`
    : `<form id="auth"><fieldset><legend>Email and password</legend>
         <label>Name <input name="name" value="Ada"></label>
         <label>Email <input name="email" type="email" required></label>
         <label>Password <input name="password" type="password" minlength="8" required></label>
         <button name="action" value="sign-up">Sign up</button>
         <button name="action" value="sign-in">Sign in</button>
       </fieldset></form>
       <form id="otp"><fieldset><legend>A code by email</legend>
         <label>Email <input name="email" type="email" required></label>
         <button name="action" value="send">Email me a code</button>
         <label>Code <input name="otp" inputmode="numeric" autocomplete="one-time-code"></label>
         <button name="action" value="sign-in">Sign in with the code</button>
         <p class="note">Codes go to the <a href="${escapeHtml(context.inboxUrl)}">dev inbox</a>.</p>
       </fieldset></form>
       <button id="passkey-sign-in">Sign in with a passkey</button>`
  return layout(
    "Better Auth on DynamoDB",
    `<h1>Better Auth on DynamoDB</h1>
<p class="note">Served by <strong data-testid="runtime">${escapeHtml(context.runtime)}</strong>.
  The same page from <a href="${escapeHtml(context.other.url)}" data-testid="other">${escapeHtml(context.other.runtime)}</a>:
  same table, same session.</p>
${body}
<p id="status" role="status"></p>
<p id="error" role="alert"></p>
<script type="module">${SCRIPT}</script>`,
  )
}

const SCRIPT = `
const api = (path, body) => fetch("/api/auth/" + path, body === undefined ? {} : {
  method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
})
const say = (id, text) => { document.getElementById(id).textContent = text }
async function fail(response) {
  const error = await response.json().catch(() => ({}))
  say("error", error.message || "Failed (" + response.status + ")")
}
const done = (response) => (response.ok ? location.reload() : fail(response))
const on = (id, type, listener) => document.getElementById(id)?.addEventListener(type, listener)

on("sign-out", "click", async () => done(await api("sign-out", {})))
on("auth", "submit", async (event) => {
  event.preventDefault()
  const form = new FormData(event.target)
  const action = event.submitter.value
  done(await api(action + "/email", {
    email: form.get("email"), password: form.get("password"),
    ...(action === "sign-up" ? { name: form.get("name") } : {}),
  }))
})
on("otp", "submit", async (event) => {
  event.preventDefault()
  const form = new FormData(event.target)
  const email = form.get("email")
  if (event.submitter.value === "send") {
    const response = await api("email-otp/send-verification-otp", { email, type: "sign-in" })
    return response.ok ? say("status", "Code sent: see the dev inbox.") : fail(response)
  }
  done(await api("sign-in/email-otp", { email, otp: form.get("otp") }))
})
on("passkey-sign-in", "click", async () => {
  const options = await (await api("passkey/generate-authenticate-options")).json()
  let credential
  try {
    credential = await navigator.credentials.get({
      publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options),
    })
  } catch {
    return say("error", "No passkey was used.")
  }
  done(await api("passkey/verify-authentication", { response: credential.toJSON() }))
})
on("add-passkey", "click", async () => {
  const options = await (await api("passkey/generate-register-options")).json()
  const credential = await navigator.credentials.create({
    publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options),
  })
  done(await api("passkey/verify-registration", { response: credential.toJSON(), name: "this browser" }))
})
`
