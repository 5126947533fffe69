/**
 * Auth.js for the Node runtime: database sessions in DynamoDB through the Node adapter,
 * sign-in by magic link (development inbox) and by passkey.
 */
import NextAuth from "next-auth"
import Passkey from "next-auth/providers/passkey"
import { devMailProvider } from "./lib/dev-mail-provider"
import { nodeAdapter } from "./lib/node-adapter"

// A function, so the adapter (and its AWS settings) is made per server, not at build time.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  adapter: nodeAdapter(),
  session: { strategy: "database" },
  providers: [devMailProvider(), Passkey],
  experimental: { enableWebAuthn: true },
  pages: {
    signIn: "/signin",
    error: "/signin",
    verifyRequest: "/signin/check-email",
    signOut: "/signout",
  },
  // The app is served on 127.0.0.1 by the start script or behind a proxy that sets Host.
  trustHost: true,
  logger: {
    // Auth.js repeats the "experimental WebAuthn" notice on every request; the README says it once.
    warn(code) {
      if (code !== "experimental-webauthn") console.warn(`[auth][warn] ${code}`)
    },
  },
  callbacks: {
    // Expose the user's id to pages (the default session only carries name, email and image).
    session({ session, user }) {
      session.user.id = user.id
      return session
    },
  },
}))
