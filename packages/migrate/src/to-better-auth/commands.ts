/**
 * plan / run / verify for `--to better-auth`: one function per command over
 * the shared scan loop (../scan/loop.ts), with writes that only ever add
 * items (./records.ts). The Auth.js items are never changed, so the migration
 * can be re-run, resumed or rolled back (delete the new items). Before
 * anything else, one consistent BatchGetItem per page reads the records and
 * claims the page maps to: what is already there is not written again, which
 * is what makes a second run write nothing and what `verify` checks.
 */

import type { AttributeMap } from "@dynamoauth/core"
import { createLayout, marshallItem } from "@dynamoauth/core/internal"
import { usageError } from "../errors.js"
import type { MigrateOptions } from "../options.js"
import { redactedItem, redactedKey } from "../redact.js"
import { bump, emptyCounters, type Report } from "../report/report.js"
import { type Command, openLoop, runLoop } from "../scan/loop.js"
import { executeGroup, groupWrites } from "../writes/transactions.js"
import {
  type EmailCollisions,
  findEmailCollisions,
  ownerOf,
  RESOLVE_EMAIL_COLLISIONS,
} from "./email-collisions.js"
import { type BetterAuthMapping, type SessionsMode, toBetterAuth } from "./mapping.js"
import {
  type BetterAuthCounters,
  type BetterAuthMigration,
  CLAIM_TAKEN_REASON,
  planTransaction,
  type RecordStatus,
  readTarget,
  recordStatus,
  settle,
} from "./records.js"

export type { BetterAuthCounters } from "./records.js"

export interface ToBetterAuthOptions
  extends Omit<MigrateOptions, "dropLegacy" | "claims" | "strict"> {
  /** Sessions become Better Auth sessions with the same token (`keep`), or are not migrated (`drop`). @default "keep" */
  sessions?: SessionsMode
}

export interface BetterAuthReport extends Report, BetterAuthCounters {
  to: "better-auth"
  sessions: SessionsMode
  /**
   * Users whose emails are one once lower-cased: none of them was migrated
   * (nor their accounts, sessions or passkeys; counted under `problems` as
   * `<model>.email-collision`) until resolved as `resolve` says.
   */
  emailCollisions: EmailCollisions
}

export async function runToBetterAuth(
  command: Command,
  options: ToBetterAuthOptions,
): Promise<BetterAuthReport> {
  const operation = `migrate.${command} --to better-auth`
  const sessions = options.sessions ?? "keep"
  if (sessions !== "keep" && sessions !== "drop")
    throw usageError(operation, 'sessions must be "keep" or "drop"')
  const loop = openLoop(command, operation, options)
  const { keys } = loop
  const source = loop.resolved.tableName
  // Sessions and tokens already expired at the start are skipped (Better Auth would refuse them).
  const context = { keys, layout: createLayout(keys), sessions, now: new Date(loop.started) }
  // Before any page: which users share an email once lower-cased (the whole table, every segment).
  const groups = await findEmailCollisions(loop, source, context)
  const migration: BetterAuthMigration = {
    loop,
    context,
    source,
    target: options.targetTable ?? source,
    heldBack: new Set(groups.flatMap((g) => g.users.map((u) => u.id))),
  }
  const {
    command: ran,
    ok,
    ...report
  } = await runLoop(loop, {
    fingerprint: { to: "better-auth", sessions },
    table: source,
    targetTable: options.targetTable,
    counters: () => ({ ...emptyCounters(), skipped: {} }),
    processPage: COMMANDS[command](migration),
  })
  const emailCollisions: EmailCollisions = {
    groups,
    users: migration.heldBack.size,
    resolve: groups.length ? RESOLVE_EMAIL_COLLISIONS : "",
  }
  // `to` and `sessions` lead the JSON report, after the command.
  return {
    command: ran,
    to: "better-auth",
    sessions,
    ...report,
    // An unresolved group is never "done": run and verify say so in their exit code.
    ok: ok && (command === "plan" || groups.length === 0),
    emailCollisions,
  }
}

type PageHandler = (items: AttributeMap[], local: BetterAuthCounters) => Promise<void>

const COMMANDS: Record<Command, (migration: BetterAuthMigration) => PageHandler> = {
  plan: planPages,
  run: runPages,
  verify: verifyPages,
}

/** Counts the records that would be written, per mapping step. */
function planPages(ba: BetterAuthMigration): PageHandler {
  return async (items, local) => {
    for (const { item, m, status } of await readPage(ba, items, local)) {
      if (status === "taken" || status === "held-back") continue
      local.migrated++
      for (const c of m.changes) bump(local.changes, c)
      sample(ba, item, m)
    }
  }
}

/** Counts the items whose record or claims are not there. */
function verifyPages(ba: BetterAuthMigration): PageHandler {
  return async (items, local) => {
    for (const { item, m, status } of await readPage(ba, items, local)) {
      local.nonconforming++
      if (status !== "taken" && status !== "held-back") sample(ba, item, m)
    }
  }
}

/** Writes the missing records, several items per transaction (distinct items). */
function runPages(ba: BetterAuthMigration): PageHandler {
  const { transport, details, batchSize } = ba.loop
  return async (items, local) => {
    const pending: { item: AttributeMap; m: BetterAuthMapping }[] = []
    for (const { item, m, status } of await readPage(ba, items, local)) {
      if (status === "held-back") continue
      if (status === "taken") details.fail(local, item, m, CLAIM_TAKEN_REASON)
      // A record whose claim someone deleted is left to verify to report.
      else if (status === "claims-missing") local.unchanged++
      else pending.push({ item, m })
    }
    // A page's checkpoint waits for all of its transactions.
    const transactions = pending.map(({ item, m }, i) => ({ ...planTransaction(ba, item, m), i }))
    await Promise.all(
      groupWrites(transactions, batchSize).map(async (group) => {
        const outcomes = await executeGroup(transport, group)
        await Promise.all(
          group.map(({ i }, n) => {
            const { item, m } = pending[i]!
            if (outcomes[n]!.status === "written") sample(ba, item, m)
            return settle(ba, local, item, m, outcomes[n]!, 0)
          }),
        )
      }),
    )
  }
}

interface ReadItem {
  item: AttributeMap
  m: BetterAuthMapping
  /** held-back: its user shares an email with another once lower-cased (./email-collisions.ts). */
  status: Exclude<RecordStatus, "present"> | "held-back"
}

/**
 * Maps a page and reads what the target already holds; counts what every
 * command counts. Returns the items whose record is not (all) there.
 */
async function readPage(
  ba: BetterAuthMigration,
  items: AttributeMap[],
  local: BetterAuthCounters,
): Promise<ReadItem[]> {
  const mappings = items.map((item) => toBetterAuth(item, ba.context))
  const existing = await readTarget(
    ba,
    mappings.flatMap((m) => m.items),
  )
  const left: ReadItem[] = []
  for (const [i, item] of items.entries()) {
    const m = mappings[i]!
    local.scanned++
    bump(local.perKind as Record<string, number>, m.kind)
    for (const code of m.problems) bump(local.problems, code)
    if (m.problems.length) local.needsAttention++
    if (!m.items.length) {
      if (m.skipped === "unknown") local.unknown++
      bump(local.skipped, m.skipped ?? "other")
      continue
    }
    const owner = ownerOf(m.model, m.record)
    if (owner !== undefined && ba.heldBack.has(owner)) {
      local.needsAttention++
      bump(local.problems, `${m.model}.email-collision`)
      left.push({ item, m, status: "held-back" })
      continue
    }
    const status = recordStatus(ba, m, existing)
    if (status === "present") {
      local.unchanged++
      continue
    }
    if (status === "taken") {
      local.needsAttention++
      bump(local.problems, "claim.taken")
    }
    left.push({ item, m, status })
  }
  return left
}

/** A sample shows the whole source item and the whole record it becomes (secrets redacted). */
function sample(ba: BetterAuthMigration, item: AttributeMap, m: BetterAuthMapping): void {
  const { details, keys } = ba.loop
  details.offer(m.changes, () => {
    return {
      kind: m.kind,
      key: redactedKey(item, keys),
      changes: m.changes,
      before: redactedItem(item, keys),
      after: redactedItem(marshallItem(m.items[0]!), keys),
    }
  })
}
