/**
 * Sends planned writes and says per item what happened. An in-place change
 * is one conditional UpdateItem (a transaction would cost twice the write
 * units for nothing: it touches one item). Re-keys and copies, two actions
 * each, go as TransactWriteItems, several items per transaction (bounded by
 * DynamoDB's action and size limits). A transaction cancelled because one item's condition failed is
 * re-sent without that item; the failed item is handed back to the caller,
 * which re-reads it. Throttling, resets and conflicts are retried by the
 * client with the same ClientRequestToken, so a transaction that was applied
 * but whose answer was lost is not applied twice.
 */
import { randomUUID } from "node:crypto"
import type { TransportErrorShape } from "@dynamoauth/core"
import { MAX_TRANSACT_ITEMS } from "@dynamoauth/core/internal"
import type { MigrationClient } from "./client.js"
import { backoffDelay, DEFAULT_RETRY, isRetryable, sleep } from "./retry.js"
import type { PlannedWrite, Transaction, WriteRole } from "./write-plan.js"

/** Rounds of re-sending a transaction whose every item conflicted, after the client's own retries. */
const MAX_RESEND_ROUNDS = 5

/** Aggregate size of one transaction. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html */
export const MAX_TRANSACT_BYTES = 4 * 1024 * 1024
// Room for request overhead (expressions, names) under the 4 MB limit.
const TRANSACT_BYTES_BUDGET = MAX_TRANSACT_BYTES - 256 * 1024

export type WriteOutcome =
  | { status: "written" }
  | { status: "condition-failed"; role: WriteRole }
  | { status: "error"; error: unknown }

/** Writes of one page in flight at once (per segment worker). */
export const MAX_WRITES_IN_FLIGHT = 16

/** Executes writes (updates alone, the rest grouped); returns one outcome per write, in order. */
export async function executeWrites(
  client: MigrationClient,
  writes: PlannedWrite[],
  maxItems: number,
): Promise<WriteOutcome[]> {
  const outcomes = new Array<WriteOutcome>(writes.length)
  const tasks: (() => Promise<void>)[] = []
  const grouped: number[] = []
  writes.forEach((write, i) => {
    if (write.actions.length === 1 && write.actions[0]!.role === "update") {
      tasks.push(async () => {
        outcomes[i] = await executeUpdate(client, write)
      })
    } else grouped.push(i)
  })
  let offset = 0
  for (const group of groupWrites(
    grouped.map((i) => writes[i]!),
    maxItems,
  )) {
    const indexes = grouped.slice(offset, offset + group.length)
    offset += group.length
    tasks.push(async () => {
      const results = await executeGroup(client, group)
      indexes.forEach((i, n) => {
        outcomes[i] = results[n]!
      })
    })
  }
  await runLimited(tasks, MAX_WRITES_IN_FLIGHT)
  return outcomes
}

async function executeUpdate(client: MigrationClient, write: PlannedWrite): Promise<WriteOutcome> {
  try {
    await client.raw(
      "UpdateItem",
      (write.actions[0]!.action as { Update: Record<string, unknown> }).Update,
      write.writeUnits,
    )
    return { status: "written" }
  } catch (error) {
    if ((error as Error)?.name === "ConditionalCheckFailedException")
      return { status: "condition-failed", role: "update" }
    return { status: "error", error }
  }
}

async function runLimited(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!()
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker))
}

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
  client: MigrationClient,
  group: Transaction[],
): Promise<WriteOutcome[]> {
  const outcomes = new Array<WriteOutcome | undefined>(group.length)
  let pending = group.map((_, i) => i)
  for (let round = 0; pending.length > 0; round++) {
    const writes = pending.map((i) => group[i]!)
    try {
      await client.raw(
        "TransactWriteItems",
        {
          TransactItems: writes.flatMap((w) => w.actions.map((a) => a.action)),
          ClientRequestToken: randomUUID(),
        },
        writes.reduce((n, w) => n + w.writeUnits, 0),
      )
      for (const i of pending) outcomes[i] = { status: "written" }
      pending = []
    } catch (error) {
      const reasons = (error as TransportErrorShape)?.cancellationReasons
      if ((error as Error)?.name === "TransactionCanceledException" && reasons?.length) {
        const resend = sortOut(pending, group, reasons, outcomes)
        if (resend.length === pending.length) {
          // Only conflicts or throttling, which the client already retried: a few more rounds, then give up.
          if (round >= MAX_RESEND_ROUNDS) {
            for (const i of resend) outcomes[i] = { status: "error", error }
            pending = []
            continue
          }
          await sleep(backoffDelay(round, DEFAULT_RETRY))
        }
        pending = resend
      } else if (pending.length > 1 && !isRetryable(error)) {
        // A failure of the whole request (e.g. a validation error): isolate the item causing it.
        const singles = await Promise.all(pending.map((i) => executeGroup(client, [group[i]!])))
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

// Per-item reasons that say "try again", not "this item is wrong".
const RESEND = new Set(["TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded"])

/** Reads the per-action cancellation reasons; returns the writes to re-send. */
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
    const failedAt = mine.findIndex((r) => r !== "None" && r !== "" && !RESEND.has(r))
    if (failedAt < 0) {
      resend.push(i)
    } else if (mine[failedAt] === "ConditionalCheckFailed") {
      outcomes[i] = { status: "condition-failed", role: write.actions[failedAt]!.role }
    } else {
      const reason = mine[failedAt]!
      outcomes[i] = {
        status: "error",
        error: Object.assign(new Error(`transaction item: ${reason}`), { name: reason }),
      }
    }
  }
  return resend
}
