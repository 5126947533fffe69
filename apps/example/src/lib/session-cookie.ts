/**
 * Auth.js names its database-session cookie `authjs.session-token`, with the `__Secure-`
 * prefix when it is served over HTTPS. Both runtimes and the Worker read it the same way.
 */
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const

/** The session token from a `Cookie` header, or undefined. */
export function sessionTokenFromCookieHeader(header: string | null): string | undefined {
  if (!header) return undefined
  const pairs = new Map<string, string>()
  for (const part of header.split(";")) {
    const eq = part.indexOf("=")
    if (eq > 0) pairs.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()))
  }
  for (const name of SESSION_COOKIES) {
    const value = pairs.get(name)
    if (value) return value
  }
  return undefined
}
