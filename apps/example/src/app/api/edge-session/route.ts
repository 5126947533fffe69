/**
 * Checks the database session from the cookie on the edge runtime, with the edge adapter:
 * the same session the Node pages use, read from the same table without the AWS SDK.
 */
import { edgeAdapter } from "@/lib/edge-adapter"
import { sessionTokenFromCookieHeader } from "@/lib/session-cookie"

export const runtime = "edge"

// Defined by the edge runtime only: lets the response prove where it was computed.
declare const EdgeRuntime: string | undefined
const actualRuntime = typeof EdgeRuntime === "string" ? "edge" : "nodejs"
export const dynamic = "force-dynamic"

export async function GET(request: Request): Promise<Response> {
  const token = sessionTokenFromCookieHeader(request.headers.get("cookie"))
  const found = token ? await edgeAdapter().getSessionAndUser(token) : null
  const body = found
    ? {
        signedIn: true,
        runtime: actualRuntime,
        user: { id: found.user.id, email: found.user.email, name: found.user.name ?? null },
        expires: found.session.expires.toISOString(),
      }
    : { signedIn: false, runtime: actualRuntime }
  return Response.json(body, {
    status: found ? 200 : 401,
    headers: { "cache-control": "no-store" },
  })
}
