import Link from "next/link"
import { auth } from "@/auth"

export default async function HomePage() {
  const session = await auth()
  return (
    <>
      <h1>dynamoauth example</h1>
      <p>
        Auth.js with <strong>database sessions</strong> stored in one DynamoDB table. The same
        session is read by Auth.js, by the proxy and a route handler outside Auth.js (all on Node,
        AWS SDK v3) and by a Cloudflare Worker (signed <code>fetch</code>).
      </p>
      {session?.user ? (
        <p>
          Signed in as <strong>{session.user.email}</strong>. Go to your{" "}
          <Link href="/account">account</Link>.
        </p>
      ) : (
        <p>
          <Link href="/signin">Sign in</Link> with a magic link (it lands in the{" "}
          <Link href="/dev/inbox">dev inbox</Link>) or with a passkey.
        </p>
      )}
      <ul>
        <li>
          <Link href="/members">/members</Link>: a page protected by the proxy (a database session
          check)
        </li>
        <li>
          <a href="/api/session">/api/session</a>: the session as JSON, checked by a route handler
        </li>
        <li>
          <a href="/worker/">/worker/</a>: the session, checked by the Cloudflare Worker
        </li>
      </ul>
    </>
  )
}
