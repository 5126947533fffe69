/**
 * next-auth 5 (beta) through the route handlers `NextAuth()` returns (`app/api/auth/[...nextauth]/route.ts`
 * exports them), called with a `NextRequest` as Next.js calls them. Under them is `@auth/core`'s `Auth`.
 */
import { NextRequest } from "next/server.js"
import NextAuth from "next-auth"
import { emailProvider, sessionWithUserId, testSecret } from "./support/flow.js"
import { emailFlowSuite } from "./support/suite.js"

emailFlowSuite("next-auth 5", async (adapter, mailbox) => {
  const { handlers } = NextAuth({
    adapter,
    providers: [emailProvider(mailbox)],
    session: { strategy: "database" },
    secret: testSecret(),
    trustHost: true,
    callbacks: { session: sessionWithUserId },
  })
  return {
    base: "http://localhost:3000/api/auth",
    send: (request) =>
      (request.method === "POST" ? handlers.POST : handlers.GET)(new NextRequest(request)),
    close: async () => {},
  }
})
