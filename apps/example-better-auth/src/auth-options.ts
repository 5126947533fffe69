/**
 * The one Better Auth configuration, used by the Node server and by the Worker: only the
 * transport (AWS SDK or aws4fetch) and where one-time codes go differ. Same table and same
 * secret on both sides is what lets one session cookie work on either.
 */
import { passkey } from "@better-auth/passkey"
import { dynamoAuthBetterAuth } from "@dynamoauth/better-auth"
import type { Transport } from "@dynamoauth/core"
import type { BetterAuthOptions } from "better-auth"
import { emailOTP } from "better-auth/plugins"

export interface AuthSettings {
  transport: Transport
  tableName: string
  /** Signs the session cookie: the same on Node and in the Worker. */
  secret: string
  /** This server's public origin, e.g. `http://localhost:3001`. */
  baseURL: string
  /** Delivers a sign-in code; here, to the dev inbox instead of a mail server. */
  sendCode(message: { to: string; code: string }): Promise<void>
}

export function authOptions(settings: AuthSettings) {
  return {
    appName: "dynamoauth Better Auth example",
    baseURL: settings.baseURL,
    secret: settings.secret,
    database: dynamoAuthBetterAuth({
      transport: settings.transport,
      tableName: settings.tableName,
    }),
    // DynamoDB TTL deletes expired verifications; Better Auth's clean-up query would scan.
    verification: { disableCleanup: true },
    // The adapter reads a session and its user in one request.
    advanced: { database: { joins: true } },
    emailAndPassword: { enabled: true },
    plugins: [
      emailOTP({
        sendVerificationOTP: ({ email, otp }) => settings.sendCode({ to: email, code: otp }),
      }),
      // rpID defaults to baseURL's host (localhost), so a passkey made on either server works on both.
      passkey(),
    ],
  } satisfies BetterAuthOptions
}
