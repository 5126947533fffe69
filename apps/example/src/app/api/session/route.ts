/**
 * The database session from the cookie as JSON, for callers other than the app's pages: checked
 * outside Auth.js with `getActiveSession`, one DynamoDB read and no write (Auth.js's `auth()` may
 * also extend the session). An expired session is refused even while DynamoDB's TTL has not yet
 * deleted it. On Node, as every route of a Next.js 16 app: Next.js 16 deprecates the Edge
 * Runtime, and the Worker (worker/src) shows the edge adapter on the same table.
 */
import { getActiveSession } from "@dynamoauth/adapter-node"
import { nodeAdapter } from "@/lib/node-adapter"
import { sessionTokenFromCookieHeader } from "@/lib/session-cookie"

export const dynamic = "force-dynamic"

export async function GET(request: Request): Promise<Response> {
  const token = sessionTokenFromCookieHeader(request.headers.get("cookie"))
  const found = await getActiveSession(nodeAdapter(), token)
  const body = found
    ? {
        signedIn: true,
        user: { id: found.user.id, email: found.user.email, name: found.user.name ?? null },
        expires: found.session.expires.toISOString(),
      }
    : { signedIn: false }
  return Response.json(body, {
    status: found ? 200 : 401,
    headers: { "cache-control": "no-store" },
  })
}
