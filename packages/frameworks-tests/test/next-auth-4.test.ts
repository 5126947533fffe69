/**
 * next-auth 4.24 through its Pages Router API route (`pages/api/auth/[...nextauth].ts`), run by
 * Next.js's own API resolver (the function `next start` calls for API routes: body and cookie
 * parsing, `res.status`/`res.json`/`res.send`) on a Node HTTP server.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { apiResolver } from "next/dist/server/api-utils/node/api-resolver.js"
import NextAuth, { type NextAuthOptions } from "next-auth-4"
import { emailProvider, sessionWithUserId, testSecret } from "./support/flow.js"
import { emailFlowSuite } from "./support/suite.js"

emailFlowSuite("next-auth 4", async (adapter, mailbox) => {
  const options: NextAuthOptions = {
    adapter,
    providers: [emailProvider(mailbox)],
    session: { strategy: "database" },
    secret: testSecret(),
    callbacks: { session: sessionWithUserId },
  }
  const route = { default: NextAuth(options) }
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost")
    const nextauth = url.pathname
      .replace(/^\/api\/auth\/?/, "")
      .split("/")
      .filter(Boolean)
    const query = { ...Object.fromEntries(url.searchParams), nextauth }
    // No preview mode here; the resolver reads these only for draft/preview requests.
    const context = {
      dev: false,
      previewModeId: "",
      previewModeEncryptionKey: "",
      previewModeSigningKey: "",
    }
    void apiResolver(req, res, query, route, context, false, false, "/api/auth/[...nextauth]")
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/auth`
  // next-auth 4 builds its links and checks redirects against NEXTAUTH_URL.
  process.env.NEXTAUTH_URL = base
  return {
    base,
    send: (request) => fetch(request),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
})
