/**
 * Sends the planned writes of a page and says per item what happened. An
 * in-place change is one conditional UpdateItem (a transaction would cost
 * twice the write units for nothing: it touches one item); re-keys and
 * copies, two actions each, go as transactions of several items
 * (../writes/transactions.ts).
 */
import type { Transport } from "@dynamoauth/core"
import { isConditionFailure } from "@dynamoauth/core/internal"
import { executeGroup, groupWrites, type WriteOutcome } from "../writes/transactions.js"
import type { PlannedWrite } from "./plan-write.js"

/** Writes of one page in flight at once (per segment worker). */
export const MAX_WRITES_IN_FLIGHT = 16

/** Executes writes (updates alone, the rest grouped); returns one outcome per write, in order. */
export async function executeWrites(
  transport: Transport,
  writes: PlannedWrite[],
  maxItems: number,
): Promise<WriteOutcome[]> {
  const outcomes = new Array<WriteOutcome>(writes.length)
  const tasks: (() => Promise<void>)[] = []
  const grouped: number[] = []
  writes.forEach((write, i) => {
    if (write.actions.length === 1 && write.actions[0]!.role === "update") {
      tasks.push(async () => {
        outcomes[i] = await executeUpdate(transport, write)
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
      const results = await executeGroup(transport, group)
      indexes.forEach((i, n) => {
        outcomes[i] = results[n]!
      })
    })
  }
  await runLimited(tasks, MAX_WRITES_IN_FLIGHT)
  return outcomes
}

async function executeUpdate(transport: Transport, write: PlannedWrite): Promise<WriteOutcome> {
  try {
    const { Update } = write.actions[0]!.action as { Update: Record<string, unknown> }
    await transport.send("UpdateItem", Update)
    return { status: "written" }
  } catch (error) {
    if (isConditionFailure(error)) return { status: "condition-failed", role: "update" }
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
