/**
 * A Cloudflare Worker on the same DynamoDB table as the Next.js app. Served on the app's
 * host under `/worker/` (the app forwards to it), it receives the app's session cookie and
 * looks the database session up with the edge adapter: one session, two runtimes. An expired
 * session is refused (`getActiveSession`), whether or not DynamoDB's TTL has deleted it yet.
 */
import { DynamoDBAdapter, getActiveSession } from "@dynamoauth/adapter-edge"
import { readDynamoConfig } from "../../src/lib/dynamo-config"
import { sessionTokenFromCookieHeader } from "../../src/lib/session-cookie"

export interface Env {
  DYNAMOAUTH_TABLE?: string
  AWS_REGION?: string
  DYNAMODB_ENDPOINT?: string
  AWS_ACCESS_KEY_ID?: string
  AWS_SECRET_ACCESS_KEY?: string
  AWS_SESSION_TOKEN?: string
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { tableName, ...connection } = readDynamoConfig({ ...env })
    const adapter = DynamoDBAdapter(connection, { tableName })
    const token = sessionTokenFromCookieHeader(request.headers.get("cookie"))
    // Not getSessionAndUser alone: it returns an expired session until DynamoDB's TTL deletes it.
    const found = await getActiveSession(adapter, token)
    const user = found
      ? { id: found.user.id, email: found.user.email, name: found.user.name ?? null }
      : null

    if (new URL(request.url).pathname.endsWith("/session.json")) {
      return Response.json(
        // workerd identifies itself so; the test checks the answer came from there.
        { signedIn: !!user, runtime: navigator.userAgent, user },
        { status: user ? 200 : 401, headers: { "cache-control": "no-store" } },
      )
    }
    return new Response(page(user), {
      status: user ? 200 : 401,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    })
  },
}

function page(user: { id: string; email: string } | null): string {
  const body = user
    ? `<p>Signed in as <strong data-testid="worker-email">${escapeHtml(user.email)}</strong>
       (user id <code data-testid="worker-user-id">${escapeHtml(user.id)}</code>).</p>`
    : `<p data-testid="worker-signed-out">Not signed in. <a href="/signin">Sign in</a>.</p>`
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>dynamoauth Worker</title></head><body style="font-family:system-ui;max-width:46rem;margin:auto">
<h1>Cloudflare Worker</h1><p>This page is rendered by a Worker (workerd) that read the
Auth.js database session from DynamoDB with the edge adapter.</p>${body}
<p><a href="/account">Back to the app</a></p></body></html>`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
