import type { EmailConfig } from "next-auth/providers/email"
import { deliver } from "./dev-inbox"

/**
 * An Auth.js email provider that "sends" the magic link to the development inbox
 * (`/dev/inbox`) and to the server console. Swap it for `next-auth/providers/nodemailer`
 * (or Resend, SES, …) to send real mail.
 */
export function devMailProvider(): EmailConfig {
  return {
    id: "email",
    type: "email",
    name: "Email",
    from: "dynamoauth example <no-reply@localhost>",
    maxAge: 10 * 60,
    async sendVerificationRequest({ identifier, url, expires }) {
      deliver({ to: identifier, subject: "Sign in to the dynamoauth example", url, expires })
      // This is the local demo's substitute for a mail server, so printing the one-time link
      // is its purpose; it is only valid for ten minutes and only once.
      console.log(`[dev inbox] magic link for ${identifier}: ${url}`)
    },
    options: {},
  }
}
