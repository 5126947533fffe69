/**
 * Emails that are one once lower-cased. Auth.js may hold `victim@x.com`
 * (verified) and `Victim@X.com` (another user, say signed up through a
 * provider with an unverified email); Better Auth lower-cases every email, so
 * only one of them can have it. Which one must never depend on scan order:
 * before anything is written, one scan of every segment (users only: DynamoDB
 * filters the rest out) finds every group of users whose emails fold to one,
 * and none of a group's users is migrated, nor their accounts, sessions or
 * passkeys, until the operator has merged or renamed them in the Auth.js
 * table. Held in memory while the command runs: each user's
 * lower-cased email and id.
 */
import type { AttributeMap } from "@dynamoauth/core"
import { type Loop, tableOf } from "../scan/loop.js"
import { scanSegments } from "../scan/segments.js"
import { type ToBetterAuthContext, toBetterAuth } from "./mapping.js"

export interface EmailCollision {
  /** The email once lower-cased, as Better Auth would store it. */
  email: string
  /** Every Auth.js user whose email folds to it, with the email as stored and whether it is verified. */
  users: { id: string; email: string; emailVerified: boolean }[]
}

/** What the report says about them: the groups, and how to resolve them. */
export interface EmailCollisions {
  groups: EmailCollision[]
  /** Users held back (every user of every group). */
  users: number
  resolve: string
}

export const RESOLVE_EMAIL_COLLISIONS =
  "None of these users was migrated, nor their accounts, sessions or passkeys. In the Auth.js table, merge each group into one user (move the accounts and sessions to the user who keeps the email, delete the others) or give the others another email (its attribute and its index keys, e.g. through the Auth.js adapter's updateUser); then run the same command again."

/** Scans every segment (whatever `segments` this process runs) for users whose emails fold to one. */
export async function findEmailCollisions(
  loop: Loop,
  table: string,
  context: ToBetterAuthContext,
): Promise<EmailCollision[]> {
  // Lower-cased email → the users holding it.
  const byEmail = new Map<string, EmailCollision["users"][number][]>()
  const add = (item: AttributeMap) => {
    // The same mapping as the migration, so a group is exactly the users that would share a claim.
    const { model, record } = toBetterAuth(item, context)
    if (model !== "user" || typeof record?.email !== "string") return
    const stored = item.email && "S" in item.email ? item.email.S : record.email
    const users = byEmail.get(record.email) ?? []
    users.push({
      id: String(record.id),
      email: stored,
      emailVerified: record.emailVerified === true,
    })
    byEmail.set(record.email, users)
  }
  await scanSegments(
    {
      table: tableOf(loop, table),
      operation: loop.operation,
      segments: Array.from({ length: loop.totalSegments }, (_, i) => i),
      totalSegments: loop.totalSegments,
      concurrency: Math.min(loop.concurrency, loop.totalSegments),
      pageSize: Math.max(loop.pageSize, 1000),
      // A user's item repeats its key; claims (`EMAIL#…`) and other kinds are left out here.
      filter: {
        expression: "#pk = #sk AND begins_with(#pk, :user) AND attribute_exists(#email)",
        values: { ":user": "USER#" },
      },
    },
    (page) => {
      for (const item of page.items) add(item)
      return undefined
    },
  )
  const groups: EmailCollision[] = []
  for (const [email, users] of byEmail) {
    if (users.length < 2) continue
    users.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    groups.push({ email, users })
  }
  return groups.sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0))
}

/** The user a Better Auth record belongs to: its own id for a user, else its `userId`. */
export function ownerOf(model: string | undefined, record: Record<string, unknown> | undefined) {
  const owner = model === "user" ? record?.id : record?.userId
  return typeof owner === "string" ? owner : undefined
}
