/**
 * After a write: count it, or — when its condition failed because the item
 * is no longer what was read — find out why and act. Our own earlier attempt
 * whose answer was lost counts as migrated; an item the app deleted counts as
 * vanished; an item the app changed is re-read, migrated again and re-written
 * (a few rounds, then reported); a key already taken by a different item is
 * reported and both are left alone. Nothing is ever overwritten.
 */
import type { AttributeMap, Keys, Transport } from "@dynamoauth/core"
import { sameItem } from "../attributes.js"
import type { ReportDetails } from "../report/details.js"
import { bump, type Counters } from "../report/report.js"
import { primaryKey } from "../writes/conditions.js"
import { countOutcome, MAX_CONFLICT_ROUNDS, readStored } from "../writes/outcome.js"
import { executeGroup, type WriteOutcome } from "../writes/transactions.js"
import { executeWrites } from "./execute-writes.js"
import { type PlannedWrite, planWrite, type WriteTarget } from "./plan-write.js"
import { type TransformContext, transformItem } from "./transform/index.js"

export interface SettleContext {
  transport: Transport
  keys: Keys
  context: TransformContext
  target: WriteTarget
  operation: string
  details: ReportDetails
}

export function createSettle(settling: SettleContext) {
  const { transport, keys, target, operation, details } = settling
  const get = (table: string, key: AttributeMap) => readStored(transport, operation, table, key)
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
      const reason = `the item kept changing during ${MAX_CONFLICT_ROUNDS} attempts`
      details.fail(local, original, result, reason)
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
        const [next] = await executeGroup(transport, [deleteOld])
        return settle(write, next!, local, round + 1)
      }
      if (existing) {
        local.conflicts++
        const reason = `${table} already holds a different item under the migrated key; left both alone`
        details.fail(local, original, result, reason)
        return
      }
    }
    const fresh = await get(target.sourceTable, primaryKey(original, keys))
    if (await landed(write, fresh)) {
      local.migrated++
      for (const change of result.changes) bump(local.changes, change)
      return
    }
    local.conflicts++
    if (!fresh) {
      local.vanished++
      return
    }
    const again = transformItem(fresh, settling.context)
    if (!target.targetTable && again.changes.length === 0) {
      local.unchanged++
      return
    }
    const retry = planWrite(fresh, again, target)
    const [next] = await executeWrites(transport, [retry], 1)
    return settle(retry, next!, local, round + 1)
  }

  /** Our own earlier attempt may have landed with its answer lost: then the item is as we wrote it. */
  const landed = async ({ result }: PlannedWrite, fresh: AttributeMap | undefined) => {
    if (target.targetTable) return false
    if (!result.rekeyed) return fresh !== undefined && sameItem(fresh, result.item)
    const moved = await get(target.sourceTable, primaryKey(result.item, keys))
    return fresh === undefined && moved !== undefined && sameItem(moved, result.item)
  }
  return settle
}
