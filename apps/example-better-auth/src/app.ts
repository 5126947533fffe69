/**
 * The app as one `fetch` handler, so the Node server and the Worker serve it the same way:
 * `/api/auth/*` is Better Auth's own handler, `/` the page, rendered with the session this
 * runtime read from the table.
 */
import { betterAuth } from "better-auth"
import { type AuthSettings, authOptions } from "./auth-options.js"
import { htmlResponse } from "./html.js"
import { type PageContext, page } from "./page.js"

export function createApp(settings: AuthSettings, context: PageContext) {
  const auth = betterAuth(authOptions(settings))

  async function home(request: Request): Promise<Response> {
    const session = await auth.api.getSession({ headers: request.headers })
    if (!session) return htmlResponse(page(null, context))
    const passkeys = await auth.api.listPasskeys({ headers: request.headers })
    const { id, email } = session.user
    return htmlResponse(page({ id, email, passkeys: passkeys.length }, context))
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
