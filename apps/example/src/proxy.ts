/**
 * The Next.js 16 proxy (middleware's new name; it runs on Node): `/members` is only served when
 * the session cookie names an active database session, checked with the Node adapter in one
 * DynamoDB request. Signing out anywhere ("sign out everywhere" from another browser included)
 * ends access on the next request, which a JWT check could not know.
 *
 * The check is `getActiveSession`, not `getSessionAndUser` alone: the adapter returns a session
 * whose `expires` has passed until DynamoDB's TTL deletes it (Auth.js checks the expiry itself),
 * and this code runs outside Auth.js.
 */
import { getActiveSession } from "@dynamoauth/adapter-node"
import { type NextRequest, NextResponse } from "next/server"
import { CHECKED_USER_HEADER, type CheckedUser } from "@/lib/checked-user"
import { nodeAdapter } from "@/lib/node-adapter"
import { sessionTokenFromCookieHeader } from "@/lib/session-cookie"

// Defined by the edge runtime only.
declare const EdgeRuntime: string | undefined

export async function proxy(request: NextRequest): Promise<Response> {
  const token = sessionTokenFromCookieHeader(request.headers.get("cookie"))
  const found = await getActiveSession(nodeAdapter(), token)
  if (!found) {
    const signIn = new URL("/signin", request.nextUrl)
    signIn.searchParams.set("callbackUrl", request.nextUrl.pathname)
    return NextResponse.redirect(signIn)
  }
  const headers = new Headers(request.headers)
  const user: CheckedUser = {
    id: found.user.id,
    email: found.user.email,
    runtime: typeof EdgeRuntime === "string" ? "edge" : "nodejs",
  }
  headers.set(CHECKED_USER_HEADER, JSON.stringify(user))
  return NextResponse.next({ request: { headers } })
}

export const config = { matcher: ["/members"] }
