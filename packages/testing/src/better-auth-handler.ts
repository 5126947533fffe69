/**
 * Better Auth's real handler called as a browser would call it: JSON in and
 * out, from the app's origin, with the session cookie carried by hand. Pure
 * (Request/Response only), so tests in workerd and the bench use it too.
 */

/** The `baseURL` the tests give Better Auth; requests come from this origin. */
export const BETTER_AUTH_BASE = "http://localhost:3000"

export interface BetterAuthHandler {
  handler(request: Request): Promise<Response>
}

export interface HandlerReply {
  status: number
  /** The parsed JSON body, or null when the body is empty. */
  json: any
  /** The `better-auth.session_token=…` pair the response set, ready for a `cookie` header ("" if none). */
  cookie: string
}

export interface BetterAuthRequestInit {
  /** Sent as JSON in a POST; without it the request is a GET. */
  body?: unknown
  cookie?: string
  headers?: Record<string, string>
}

/** The request a browser on the app's origin sends to `/api/auth<path>`. */
export function betterAuthRequest(path: string, init: BetterAuthRequestInit = {}): Request {
  return new Request(`${BETTER_AUTH_BASE}/api/auth${path}`, {
    method: init.body === undefined ? "GET" : "POST",
    headers: {
      origin: BETTER_AUTH_BASE,
      "content-type": "application/json",
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  })
}

/** GET `/api/auth<path>`, or POST when there is a `body`. */
export async function callBetterAuth(
  auth: BetterAuthHandler,
  path: string,
  init: BetterAuthRequestInit = {},
): Promise<HandlerReply> {
  const response = await auth.handler(betterAuthRequest(path, init))
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c) => c?.startsWith("better-auth.session_token="))
    .join("; ")
  const text = await response.text()
  return { status: response.status, json: text ? JSON.parse(text) : null, cookie }
}
