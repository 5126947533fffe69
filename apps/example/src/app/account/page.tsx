import { cookies } from "next/headers"
import { redirect } from "next/navigation"
import { auth } from "@/auth"
import { nodeAdapter } from "@/lib/node-adapter"
import { SESSION_COOKIES } from "@/lib/session-cookie"
import { listUserItems } from "@/lib/user-items"
import { deleteAccount, signOutEverywhere } from "./actions"
import { RegisterPasskey } from "./register-passkey"

export default async function AccountPage() {
  const session = await auth()
  const user = session?.user
  if (!user?.id) redirect("/signin?callbackUrl=/account")

  const [{ sessions, accounts }, passkeys] = await Promise.all([
    listUserItems(user.id),
    nodeAdapter().listAuthenticatorsByUserId(user.id),
  ])
  const jar = await cookies()
  const current = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean)

  return (
    <>
      <h1>Account</h1>
      <section>
        <table>
          <tbody>
            <tr>
              <th>Email</th>
              <td data-testid="account-email">{user.email}</td>
            </tr>
            <tr>
              <th>User id</th>
              <td>
                <code data-testid="account-user-id">{user.id}</code>
              </td>
            </tr>
          </tbody>
        </table>
      </section>

      <section>
        <h2>Linked accounts</h2>
        <ul data-testid="linked-accounts">
          {accounts.map((a) => (
            <li key={`${a.provider}:${a.providerAccountId}`}>
              {a.provider} ({a.type})
            </li>
          ))}
        </ul>
        {accounts.length === 0 ? <p className="note">None yet.</p> : null}
      </section>

      <section>
        <h2>Passkeys</h2>
        <ul data-testid="passkeys">
          {passkeys.map((p) => (
            <li key={p.credentialID}>
              {p.credentialDeviceType === "multiDevice" ? "synced passkey" : "device-bound passkey"}{" "}
              <span className="note">({p.credentialID.slice(0, 12)}…)</span>
            </li>
          ))}
        </ul>
        {passkeys.length === 0 ? <p className="note">None yet.</p> : null}
        <RegisterPasskey />
      </section>

      <section>
        <h2>Active sessions</h2>
        <table data-testid="sessions">
          <tbody>
            {sessions.map((s, i) => (
              // Tokens are bearer secrets: the page never prints them, not even in part.
              <tr key={s.expires.toISOString() + String(i)}>
                <td>{s.sessionToken === current ? "this browser" : "another browser"}</td>
                <td>expires {s.expires.toISOString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <form action={signOutEverywhere}>
          <button type="submit">Sign out everywhere</button>
        </form>
      </section>

      <section>
        <h2>Same session, other runtimes</h2>
        <ul>
          <li>
            <a href="/api/session">Route handler (JSON)</a>
          </li>
          <li>
            <a href="/worker/">Cloudflare Worker</a>
          </li>
        </ul>
      </section>

      <section>
        <h2 className="danger">Delete account</h2>
        <form action={deleteAccount}>
          <label>
            <input type="checkbox" name="confirm" required /> Delete my user, accounts, passkeys and
            sessions
          </label>{" "}
          <button type="submit" className="danger">
            Delete account
          </button>
        </form>
      </section>
    </>
  )
}
