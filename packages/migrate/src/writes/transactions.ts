/**
 * Writes of several items in one TransactWriteItems, within DynamoDB's
 * action and size limits, with one outcome per item. A transaction cancelled
 * because one item's condition failed is re-sent without that item; the
 * failed item is handed back to the caller, which re-reads it. What to make
 * of each item's cancellation reason is core's classifier's call. Throttling,
 * resets and conflicts are retried by the transport (../transport/retries.ts)
 * with the same ClientRequestToken, so a transaction that was applied but
 * whose answer was lost is not applied twice.
 */
import { randomUUID } from "node:crypto"
import type { Transport } from "@dynamoauth/core"
import { cancellationReasons, classifyReason, MAX_TRANSACT_ITEMS } from "@dynamoauth/core/internal"
import { backoffDelay, isRetryable, sleep } from "../transport/retries.js"

export type WriteRole =
  | "update"
  | "put-new"
  | "delete-old"
  | "check-source"
  | "put-target"
  | "put-claim"

/** One item's writes: its actions and their size. */
export interface Transaction {
  /** Actions in TransactItems shape, with the role of each (to read cancellation reasons). */
  actions: { role: WriteRole; action: Record<string, unknown> }[]
  /** Estimated request bytes (for the transaction size limit). */
  bytes: number
}

export type WriteOutcome =
  | { status: "written" }
  | { status: "condition-failed"; role: WriteRole }
  /** DynamoDB refused this item's action, with this cancellation reason (`ValidationError`, …). */
  | { status: "refused"; reason: string }
  | { status: "error"; error: unknown }

/** Rounds of re-sending a transaction whose every item conflicted, after the transport's own retries. */
const MAX_RESEND_ROUNDS = 5

/** Aggregate size of one transaction. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html */
export const MAX_TRANSACT_BYTES = 4 * 1024 * 1024
// Room for request overhead (expressions, names) under the 4 MB limit.
const TRANSACT_BYTES_BUDGET = MAX_TRANSACT_BYTES - 256 * 1024

/** Splits writes into transactions of at most `maxItems` items, 100 actions and ~4 MB. */
export function groupWrites<T extends Transaction>(writes: T[], maxItems: number): T[][] {
  const groups: T[][] = []
  let current: T[] = []
  let actions = 0
  let bytes = 0
  for (const write of writes) {
    const full =
      current.length >= maxItems ||
      actions + write.actions.length > MAX_TRANSACT_ITEMS ||
      bytes + write.bytes > TRANSACT_BYTES_BUDGET
    if (full && current.length > 0) {
      groups.push(current)
      current = []
      actions = 0
      bytes = 0
    }
    current.push(write)
    actions += write.actions.length
    bytes += write.bytes
  }
  if (current.length > 0) groups.push(current)
  return groups
}

/** Executes one group; returns one outcome per write, in order. */
export async function executeGroup(
  transport: Transport,
  group: Transaction[],
): Promise<WriteOutcome[]> {
  const outcomes = new Array<WriteOutcome | undefined>(group.length)
  let pending = group.map((_, i) => i)
  for (let round = 0; pending.length > 0; round++) {
    const writes = pending.map((i) => group[i]!)
    try {
      await transport.send("TransactWriteItems", {
        TransactItems: writes.flatMap((w) => w.actions.map((a) => a.action)),
        ClientRequestToken: randomUUID(),
      })
      for (const i of pending) outcomes[i] = { status: "written" }
      pending = []
    } catch (error) {
      const reasons = cancellationReasons(error)
      if (reasons?.length) {
        const resend = sortOut(pending, group, reasons, outcomes)
        if (resend.length === pending.length) {
          // Only conflicts or throttling, which the transport already retried: a few more rounds, then give up.
          if (round >= MAX_RESEND_ROUNDS) {
            for (const i of resend) outcomes[i] = { status: "error", error }
            pending = []
            continue
          }
          await sleep(backoffDelay(round))
        }
        pending = resend
      } else if (pending.length > 1 && !isRetryable(error)) {
        // A failure of the whole request (e.g. a validation error): isolate the item causing it.
        const singles = await Promise.all(pending.map((i) => executeGroup(transport, [group[i]!])))
        pending.forEach((i, n) => {
          outcomes[i] = singles[n]![0]
        })
        pending = []
      } else {
        for (const i of pending) outcomes[i] = { status: "error", error }
        pending = []
      }
    }
  }
  return outcomes as WriteOutcome[]
}

/** Reads each pending write's share of the cancellation reasons; returns the writes to re-send. */
function sortOut(
  pending: number[],
  group: Transaction[],
  reasons: string[],
  outcomes: (WriteOutcome | undefined)[],
): number[] {
  const resend: number[] = []
  let offset = 0
  for (const i of pending) {
    const write = group[i]!
    const mine = reasons.slice(offset, offset + write.actions.length)
    offset += write.actions.length
    const kinds = mine.map(classifyReason)
    const failedAt = kinds.findIndex((k) => k === "condition-failed" || k === "refused")
    if (failedAt < 0) resend.push(i)
    else if (kinds[failedAt] === "condition-failed") {
      outcomes[i] = { status: "condition-failed", role: write.actions[failedAt]!.role }
    } else outcomes[i] = { status: "refused", reason: mine[failedAt]! }
  }
  return resend
}
