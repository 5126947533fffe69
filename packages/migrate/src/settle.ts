/**
 * After a write: count it, or — when its condition failed because the item
 * is no longer what was read — find out why and act. Our own earlier attempt
 * whose answer was lost counts as migrated; an item the app deleted counts as
 * vanished; an item the app changed is re-read, migrated again and re-written
 * (a few rounds, then reported); a key already taken by a different item is
 * reported and both are left alone. Nothing is ever overwritten.
 */
import type { AttributeMap, Keys } from "@dynamoauth/core"
import { sameItem } from "./attributes.js"
import type { MigrationClient } from "./client.js"
import { migrateError } from "./errors.js"
import { bump, type Counters } from "./report.js"
import type { ReportDetails } from "./report-details.js"
import { isRetryable } from "./retry.js"
import { type ItemKind, type TransformContext, transformItem } from "./transform/index.js"
import { type PlannedWrite, planWrite, primaryKey, type WriteTarget } from "./write-plan.js"
import { executeGroup, executeWrites, type WriteOutcome } from "./writer.js"

/** Re-reads and re-tries of one item whose condition keeps failing before it is reported. */
export const MAX_CONFLICT_ROUNDS = 5

// Errors that no other item would escape either: stop the run (the checkpoint allows resuming).
const FATAL = new Set([
  "ResourceNotFoundException",
  "AccessDeniedException",
  "UnrecognizedClientException",
])

/**
 * Counts a write that landed, or that DynamoDB refused (listed as a failure). An error no other
 * item would escape either, or one the client's retries did not get past, stops the run instead;
 * `writing` says what was being written. False when the write's condition failed: the caller
 * finds out why.
 */
export function countOutcome(
  outcome: WriteOutcome,
  local: Counters,
  item: AttributeMap,
  written: { kind: ItemKind; changes: string[] },
  { details, operation, writing }: { details: ReportDetails; operation: string; writing: string },
): outcome is Exclude<WriteOutcome, { status: "condition-failed" }> {
  if (outcome.status === "condition-failed") return false
  if (outcome.status === "written") {
    local.migrated++
    for (const change of written.changes) bump(local.changes, change)
    return true
  }
  const name = (outcome.error as Error)?.name ?? ""
  if (FATAL.has(name) || isRetryable(outcome.error))
    throw migrateError(outcome.error, operation, `(writing ${writing})`)
  details.fail(local, item, written, `DynamoDB refused the write (${name})`, outcome.error)
  return true
}

export interface SettleContext {
  client: MigrationClient
  keys: Keys
  context: TransformContext
  target: WriteTarget
  operation: string
  details: ReportDetails
}

export function createSettle({ client, keys, context, target, operation, details }: SettleContext) {
  const get = (table: string, key: AttributeMap) => client.getStored(operation, table, key)

  const reporting = { details, operation, writing: "migrated items" }

  /** Handles one write's outcome, re-reading and re-trying after a failed condition. */
  const settle = async (
    write: PlannedWrite,
    outcome: WriteOutcome,
    local: Counters,
    round: number,
  ): Promise<void> => {
    const { original, result } = write
    if (countOutcome(outcome, local, original, result, reporting)) return
    if (round >= MAX_CONFLICT_ROUNDS) {
      details.fail(
        local,
        original,
        result,
        `the item kept changing during ${MAX_CONFLICT_ROUNDS} attempts`,
      )
      return
    }
    if (outcome.role === "put-target" || outcome.role === "put-new") {
      // Something already exists under the key we write: done before (a lost reply), or someone else's item.
      const table = outcome.role === "put-target" ? target.targetTable! : target.sourceTable
      const existing = await get(table, primaryKey(result.item, keys))
      if (existing && sameItem(existing, result.item)) {
        if (outcome.role === "put-target") {
          local.alreadyPresent++
          return
        }
        // The new token exists as it should: only the old request is left to delete.
        const deleteOld: PlannedWrite = {
          ...write,
          actions: write.actions.filter((a) => a.role === "delete-old"),
        }
        const [next] = await executeGroup(client, [deleteOld])
        return settle(write, next!, local, round + 1)
      }
      if (existing) {
        local.conflicts++
        details.fail(
          local,
          original,
          result,
          `${table} already holds a different item under the migrated key; left both alone`,
        )
        return
      }
    }
    const fresh = await get(target.sourceTable, primaryKey(original, keys))
    // Our own earlier attempt may have landed with its answer lost: then the item is as we wrote it.
    const landed = async () => {
      if (target.targetTable) return false
      if (!result.rekeyed) return fresh !== undefined && sameItem(fresh, result.item)
      const moved = await get(target.sourceTable, primaryKey(result.item, keys))
      return fresh === undefined && moved !== undefined && sameItem(moved, result.item)
    }
    if (await landed()) {
      local.migrated++
      for (const change of result.changes) bump(local.changes, change)
      return
    }
    local.conflicts++
    if (!fresh) {
      local.vanished++
      return
    }
    const again = transformItem(fresh, context)
    if (!target.targetTable && again.changes.length === 0) {
      local.unchanged++
      return
    }
    const retry = planWrite(fresh, again, target)
    const [next] = await executeWrites(client, [retry], 1)
    return settle(retry, next!, local, round + 1)
  }
  return settle
}
