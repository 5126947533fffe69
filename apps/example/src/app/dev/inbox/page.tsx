import { listInbox } from "@/lib/dev-inbox"

// The inbox changes with every sign-in request.
export const dynamic = "force-dynamic"

export default async function DevInboxPage(props: { searchParams: Promise<{ to?: string }> }) {
  const { to } = await props.searchParams
  const messages = listInbox(to)
  return (
    <>
      <h1>Dev inbox</h1>
      <p className="note">
        Mail the app would have sent, kept in server memory (and printed to the console). It is for
        running the example locally: anyone who can open this page can sign in as anyone.
      </p>
      {messages.length === 0 ? <p>No mail yet.</p> : null}
      <ul>
        {messages.map((m) => (
          <li key={m.id} data-testid="inbox-message" data-to={m.to}>
            <strong>{m.to}</strong>: {m.subject} ({m.sentAt.toISOString()}){" "}
            <a href={m.url}>Sign in</a>
          </li>
        ))}
      </ul>
    </>
  )
}
