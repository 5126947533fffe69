/**
 * The app as one `fetch` handler, so the Node server and the Worker serve it the same way:
 * `/api/auth/*` is Better Auth's own handler, `/` the page, rendered with the session this
 * runtime read from the table.
 */
import { betterAuth } from "better-auth"
import { type AuthSettings, authOptions } from "./auth-options.js"
import { authjsSessionToken, signedSessionToken } from "./authjs-session.js"
import { htmlResponse } from "./html.js"
import { type PageContext, page } from "./page.js"

export function createApp(settings: AuthSettings, context: PageContext) {
  const auth = betterAuth(authOptions(settings))

  async function home(request: Request): Promise<Response> {
    let headers = request.headers
    let session = await auth.api.getSession({ headers })
    let setCookie: string | undefined
    const authjsToken = session ? undefined : authjsSessionToken(headers.get("cookie"))
    if (authjsToken) {
      // A session moved from the Auth.js example: Better Auth's cookie for the same token.
      const { name, attributes } = (await auth.$context).authCookies.sessionToken
      const value = await signedSessionToken(authjsToken, settings.secret)
      headers = new Headers(headers)
      headers.set("cookie", `${name}=${value}`)
      session = await auth.api.getSession({ headers })
      if (session) {
        const maxAge = Math.floor(
          (new Date(session.session.expiresAt).getTime() - Date.now()) / 1000,
        )
        setCookie = `${name}=${value}; Path=${attributes.path ?? "/"}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${attributes.secure ? "; Secure" : ""}`
      }
    }
    if (!session) return htmlResponse(page(null, context))
    const passkeys = await auth.api.listPasskeys({ headers })
    const { id, email } = session.user
    const response = htmlResponse(page({ id, email, passkeys: passkeys.length }, context))
    if (setCookie) response.headers.append("set-cookie", setCookie)
    return response
  }

  return {
    auth,
    fetch(request: Request): Promise<Response> {
      const { pathname } = new URL(request.url)
      if (pathname.startsWith("/api/auth/")) return auth.handler(request)
      if (pathname === "/") return home(request)
      return Promise.resolve(new Response("Not found", { status: 404 }))
    },
  }
}
