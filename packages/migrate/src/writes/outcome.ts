/**
 * What both directions do with a write's outcome before finding out why a
 * condition failed: count it as written, list it as refused, or stop the run
 * when no other item would get past the error either (core's classifier
 * decides: the table is gone, the credentials may not write, or the
 * transport's retries did not get past it). The checkpoint allows resuming.
 */
import type { AttributeMap, Transport } from "@dynamoauth/core"
import { classifyError, getStoredItem, isAccessFailure } from "@dynamoauth/core/internal"
import { migrateError } from "../errors.js"
import type { ReportDetails } from "../report/details.js"
import { bump, type Counters } from "../report/report.js"
import type { ItemKind } from "../to-authjs/transform/index.js"
import type { WriteOutcome } from "./transactions.js"

/** Re-reads and re-tries of one item whose condition keeps failing before it is reported. */
export const MAX_CONFLICT_ROUNDS = 5

/** An error no other item's write would escape either. */
function stopsTheRun(error: unknown): boolean {
  const c = classifyError(error)
  return c.code === "TABLE_NOT_FOUND" || isAccessFailure(c) || c.retryable || c.code === "CONFLICT"
}

/**
 * Counts a write that landed, or that DynamoDB refused (listed as a failure);
 * throws for an error that stops the run (`writing` says what was being
 * written). False when the write's condition failed: the caller finds out why.
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
  const reason =
    outcome.status === "refused" ? outcome.reason : classifyError(outcome.error).awsErrorName
  if (outcome.status === "error" && stopsTheRun(outcome.error))
    throw migrateError(outcome.error, operation, `(writing ${writing})`)
  details.fail(local, item, written, `DynamoDB refused the write (${reason})`, reason)
  return true
}

/** A strongly consistent read of an item exactly as stored (to compare with what was written). */
export function readStored(
  transport: Transport,
  operation: string,
  table: string,
  key: AttributeMap,
): Promise<AttributeMap | undefined> {
  return getStoredItem(transport, table, key).catch((error: unknown) => {
    throw migrateError(error, operation, `(GetItem on ${table})`)
  })
}
