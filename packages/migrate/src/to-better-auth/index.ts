/**
 * `migrate --to better-auth`: an Auth.js table (official or dynamoauth
 * layout) → the Better Auth layout of `@dynamoauth/better-auth`, in place or
 * into another table. plan and verify write nothing.
 */
import { type BetterAuthReport, runToBetterAuth, type ToBetterAuthOptions } from "./commands.js"

export type { BetterAuthCounters, BetterAuthReport, ToBetterAuthOptions } from "./commands.js"
export type { EmailCollision, EmailCollisions } from "./email-collisions.js"
export { type BetterAuthMapping, type SessionsMode, toBetterAuth } from "./mapping.js"

/** Dry run: per kind, the records that would be written, and what is skipped (and why). */
export function planBetterAuthMigration(options: ToBetterAuthOptions): Promise<BetterAuthReport> {
  return runToBetterAuth("plan", options)
}

/** Writes the Better Auth records and claims; the Auth.js items are left as they are. Resumable with `checkpoint`. */
export function runBetterAuthMigration(options: ToBetterAuthOptions): Promise<BetterAuthReport> {
  return runToBetterAuth("run", options)
}

/** Every Auth.js item that maps to a record has it, with its claims (`report.ok`). */
export function verifyBetterAuthMigration(options: ToBetterAuthOptions): Promise<BetterAuthReport> {
  return runToBetterAuth("verify", options)
}
