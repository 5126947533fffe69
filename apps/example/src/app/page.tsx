import Link from "next/link"
import { auth } from "@/auth"

export default async function HomePage() {
  const session = await auth()
  return (
    <>
      <h1>dynamoauth example</h1>
      <p>
        Auth.js with <strong>database sessions</strong> stored in one DynamoDB table. The same
        session is read by Node route handlers (AWS SDK v3), by an edge route handler and by a
        Cloudflare Worker (both on signed <code>fetch</code>).
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
          <Link href="/members">/members</Link>: a page protected by edge middleware (a database
          session check)
        </li>
        <li>
          <a href="/api/edge-session">/api/edge-session</a>: the session, checked on the edge
          runtime
        </li>
        <li>
          <a href="/worker/">/worker/</a>: the session, checked by the Cloudflare Worker
        </li>
      </ul>
    </>
  )
}
