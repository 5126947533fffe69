/**
 * Next.js middleware on the edge runtime: `/members` is only served when the session cookie
 * names a live database session, checked with the edge adapter (one DynamoDB request, signed
 * `fetch`). Signing out anywhere — "sign out everywhere" from another browser included — ends
 * access on the next request, which a JWT check could not know.
 *
 * Next.js 16 deprecates `middleware.ts` in favour of `proxy.ts`, but `proxy.ts` runs on Node
 * only; `middleware.ts` is still the edge-runtime variant (see the README).
 */
import { type NextRequest, NextResponse } from "next/server"
import { edgeAdapter } from "@/lib/edge-adapter"
import { EDGE_USER_HEADER, type EdgeCheckedUser } from "@/lib/edge-checked-user"
import { sessionTokenFromCookieHeader } from "@/lib/session-cookie"

// Defined by the edge runtime only.
declare const EdgeRuntime: string | undefined

export async function middleware(request: NextRequest): Promise<Response> {
  const token = sessionTokenFromCookieHeader(request.headers.get("cookie"))
  const found = token ? await edgeAdapter().getSessionAndUser(token) : null
  if (!found) {
    const signIn = new URL("/signin", request.nextUrl)
    signIn.searchParams.set("callbackUrl", request.nextUrl.pathname)
    return NextResponse.redirect(signIn)
  }
  const headers = new Headers(request.headers)
  const user: EdgeCheckedUser = {
    id: found.user.id,
    email: found.user.email,
    runtime: typeof EdgeRuntime === "string" ? "edge" : "nodejs",
  }
  headers.set(EDGE_USER_HEADER, JSON.stringify(user))
  return NextResponse.next({ request: { headers } })
}

export const config = { matcher: ["/members"] }
