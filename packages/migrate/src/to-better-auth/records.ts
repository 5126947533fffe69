/**
 * The writes of `--to better-auth`, which only ever add items. Each Auth.js
 * item becomes one transaction: a check that the source item is unchanged
 * since it was read, the Better Auth record put where nothing exists, and its
 * claims put where nothing exists. What a put's failed condition means is
 * found out by reading the target: our own earlier write (already present),
 * or a unique value someone else holds (reported, both left alone).
 */
import type { AttributeMap, Keys } from "@dynamoauth/core"
import { batchGetItems, type Item, marshallItem, type PlainKey } from "@dynamoauth/core/internal"
import { itemSize } from "../attributes.js"
import { migrateError } from "../errors.js"
import { bump, type Counters } from "../report/report.js"
import { type Loop, tableOf } from "../scan/loop.js"
import { notExists, primaryKey, unchanged } from "../writes/conditions.js"
import { countOutcome, MAX_CONFLICT_ROUNDS, readStored } from "../writes/outcome.js"
import { executeGroup, type Transaction, type WriteOutcome } from "../writes/transactions.js"
import { type BetterAuthMapping, type ToBetterAuthContext, toBetterAuth } from "./mapping.js"

export interface BetterAuthCounters extends Counters {
  /** Items that map to nothing, by reason (`session.dropped`, `session.expired`, `claim`, `better-auth`, …). */
  skipped: Record<string, number>
}

/** What the pages of one `--to better-auth` command share. */
export interface BetterAuthMigration {
  loop: Loop
  context: ToBetterAuthContext
  source: string
  /** Where the records go: the source table unless copying. */
  target: string
  /** Ids of the users none of whose records is written (./email-collisions.ts). */
  heldBack: ReadonlySet<string>
}

/** present: record and claims there; missing: record absent; taken: a claim held by another record. */
export type RecordStatus = "present" | "missing" | "claims-missing" | "taken"

export const CLAIM_TAKEN_REASON =
  "a unique value (email, provider account, token or credential) is already held by another record; this item was not written, the other was not changed"

/** An item's primary key as one string, to look it up in what `readTarget` found. */
function idOf(keys: Keys, item: Item): string {
  return `${item[keys.partitionKey]}\u0000${item[keys.sortKey]}`
}

/** The transaction that adds one item's records and claims, if the source is still as read. */
export function planTransaction(
  { loop: { keys }, source, target }: BetterAuthMigration,
  item: AttributeMap,
  m: BetterAuthMapping,
): Transaction {
  const [record, ...claims] = m.items.map((i) => marshallItem(i))
  const put = (Item: AttributeMap) => ({
    Put: { TableName: target, Item, ...notExists(keys.partitionKey) },
  })
  const size = itemSize(record!) + claims.reduce((n, c) => n + itemSize(c), 0)
  return {
    actions: [
      {
        role: "check-source",
        action: {
          ConditionCheck: {
            TableName: source,
            Key: primaryKey(item, keys),
            ...unchanged(item, Object.keys(item), Object.keys(item), keys),
          },
        },
      },
      { role: "put-target", action: put(record!) },
      ...claims.map((claim) => ({ role: "put-claim" as const, action: put(claim) })),
    ],
    bytes: 2 * itemSize(item) + size,
  }
}

/** Reads (strongly consistent) what the target holds at each item's key; keys are `pk\0sk`. */
export async function readTarget(
  { loop, target }: BetterAuthMigration,
  wanted: Item[],
): Promise<Map<string, Item>> {
  const { keys, operation } = loop
  const id = (item: Item) => idOf(keys, item)
  const found = new Map<string, Item>()
  const unique = new Map<string, PlainKey>()
  for (const item of wanted) unique.set(id(item), keys.keyOf(item))
  const read = await batchGetItems(tableOf(loop, target), [...unique.values()]).catch(
    (error: unknown) => {
      throw migrateError(error, operation, `(BatchGetItem on ${target})`)
    },
  )
  for (const plain of read) found.set(id(plain), plain)
  return found
}

/** Whether an item's record and claims are in `existing` (read by `readTarget`). */
export function recordStatus(
  { loop: { keys } }: BetterAuthMigration,
  m: BetterAuthMapping,
  existing: Map<string, Item>,
): RecordStatus {
  const id = (item: Item) => idOf(keys, item)
  const [record, ...claims] = m.items
  const taken = claims.some((c) => {
    const held = existing.get(id(c))
    return held !== undefined && held._ref !== c._ref
  })
  if (taken) return "taken"
  if (!existing.get(id(record!))) return "missing"
  return claims.every((c) => existing.has(id(c))) ? "present" : "claims-missing"
}

/** Counts one transaction's outcome; after a failed condition finds out why, re-reading the source when it changed. */
export async function settle(
  ba: BetterAuthMigration,
  local: BetterAuthCounters,
  item: AttributeMap,
  m: BetterAuthMapping,
  outcome: WriteOutcome,
  round: number,
): Promise<void> {
  const { transport, details, keys, operation } = ba.loop
  if (countOutcome(outcome, local, item, m, { details, operation, writing: "Better Auth records" }))
    return
  if (outcome.role === "put-target" || outcome.role === "put-claim") {
    // Already there: an earlier attempt whose answer was lost, or another runner; or a claim someone else holds.
    const state = recordStatus(ba, m, await readTarget(ba, m.items))
    if (state === "present" || (state === "claims-missing" && outcome.role === "put-target")) {
      local.alreadyPresent++
      return
    }
    local.needsAttention++
    bump(local.problems, "claim.taken")
    details.fail(local, item, m, CLAIM_TAKEN_REASON)
    return
  }
  // The source item changed or vanished since it was read.
  local.conflicts++
  if (round >= MAX_CONFLICT_ROUNDS) {
    details.fail(local, item, m, `the item kept changing during ${MAX_CONFLICT_ROUNDS} attempts`)
    return
  }
  const fresh = await readStored(transport, operation, ba.source, primaryKey(item, keys))
  if (!fresh) {
    local.vanished++
    return
  }
  const again = toBetterAuth(fresh, ba.context)
  if (!again.items.length) {
    bump(local.skipped, again.skipped ?? "other")
    return
  }
  const [next] = await executeGroup(transport, [planTransaction(ba, fresh, again)])
  await settle(ba, local, fresh, again, next!, round + 1)
}
