/**
 * Keeps people signed in across the move from the Auth.js example. `migrate-from-authjs` keeps
 * each live Auth.js session as a Better Auth session with the same token, but the browser
 * still holds Auth.js's unsigned `authjs.session-token` cookie (sent here too: cookies do not
 * care about ports), while Better Auth reads its own, signed one. So when a request has no
 * Better Auth session, the Auth.js token is signed as Better Auth signs it and tried once; if
 * Better Auth knows that session, its cookie is set (packages/migrate/README.md, "Sessions").
 */

const AUTHJS_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"]

export function authjsSessionToken(cookieHeader: string | null): string | undefined {
  const pairs = new Map<string, string>()
  for (const part of cookieHeader?.split(";") ?? []) {
    const eq = part.indexOf("=")
    if (eq > 0) pairs.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim())
  }
  const value = AUTHJS_COOKIES.map((name) => pairs.get(name)).find(Boolean)
  return value ? decodeURIComponent(value) : undefined
}

/** Better Auth's cookie value for a session token: `<token>.<base64 HMAC-SHA256>`, URL-encoded. */
export async function signedSessionToken(token: string, secret: string): Promise<string> {
  const bytes = (text: string) => new TextEncoder().encode(text)
  const key = await crypto.subtle.importKey(
    "raw",
    bytes(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  )
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, bytes(token)))
  return encodeURIComponent(`${token}.${btoa(String.fromCharCode(...mac))}`)
}
