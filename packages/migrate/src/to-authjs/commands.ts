/**
 * plan, run and verify to the current Auth.js layout: one function per
 * command over the shared scan loop (../scan/loop.ts). Every command reads a
 * page the same way (transform each item, read its claims, count what it
 * is); plan then counts what would be written, verify what does not conform,
 * and run writes, settling each write before the page's checkpoint is saved.
 */
import type { AttributeMap } from "@dynamoauth/core"
import type { MigrateOptions } from "../options.js"
import { bump, type Counters, emptyCounters, type Report } from "../report/report.js"
import { type Command, type Loop, openLoop, runLoop, tableOf } from "../scan/loop.js"
import { type ClaimCheck, checkClaims, writeClaim } from "./claims.js"
import { executeWrites } from "./execute-writes.js"
import { type PlannedWrite, planWrite, type WriteTarget } from "./plan-write.js"
import { createSettle } from "./settle.js"
import { type TransformContext, type TransformResult, transformItem } from "./transform/index.js"

export async function runAuthjsCommand(command: Command, options: MigrateOptions): Promise<Report> {
  const loop = openLoop(command, `migrate.${command}`, options)
  const source = loop.resolved.tableName
  // verify with a target table checks the copy, not the source.
  const scanTable = command === "verify" && options.targetTable ? options.targetTable : source
  const migration: Migration = {
    loop,
    options,
    context: { keys: loop.keys, dropLegacy: options.dropLegacy ?? false },
    target: {
      keys: loop.keys,
      sourceTable: source,
      ...(options.targetTable ? { targetTable: options.targetTable } : {}),
    },
    // Claims live beside the items they guard: in the target table when copying.
    claimTable: command === "verify" ? scanTable : (options.targetTable ?? source),
  }
  return runLoop(loop, {
    fingerprint: { dropLegacy: migration.context.dropLegacy, claims: options.claims ?? false },
    table: scanTable,
    targetTable: command === "verify" ? undefined : options.targetTable,
    counters: emptyCounters,
    processPage: COMMANDS[command](migration),
  })
}

interface Migration {
  loop: Loop
  options: MigrateOptions
  context: TransformContext
  target: WriteTarget
  claimTable: string
}

type PageHandler = (items: AttributeMap[], local: Counters) => Promise<void>

const COMMANDS: Record<Command, (migration: Migration) => PageHandler> = {
  plan: (m) => countPages(m, "migrated", ({ result }) => needsWrite(m, result)),
  run: runPages,
  verify: (m) => countPages(m, "nonconforming", (read) => !conforms(m, read)),
}

/**
 * plan and verify write nothing: they count the items that are `due` (plan: would be written;
 * verify: do not conform), per change, with a few samples; the rest count as unchanged.
 */
function countPages(
  m: Migration,
  counter: "migrated" | "nonconforming",
  due: (read: ReadItem) => boolean,
): PageHandler {
  return async (items, local) => {
    for (const read of await readPage(m, items, local)) {
      if (!due(read)) {
        local.unchanged++
        continue
      }
      local[counter]++
      for (const change of read.result.changes) bump(local.changes, change)
      m.loop.details.sample(read.item, read.result)
    }
  }
}

/** Writes the page's migrated items, then the claims they lack. */
function runPages(m: Migration): PageHandler {
  const { transport, keys, operation, details, batchSize } = m.loop
  const claimTable = tableOf(m.loop, m.claimTable)
  const settle = createSettle({
    transport,
    keys,
    context: m.context,
    target: m.target,
    operation,
    details,
  })
  return async (items, local) => {
    const page = await readPage(m, items, local)
    const writes: PlannedWrite[] = []
    for (const { item, result } of page) {
      if (!needsWrite(m, result)) {
        local.unchanged++
        continue
      }
      writes.push(planWrite(item, result, m.target))
      details.sample(item, result)
    }
    // A page's writes go out together (they touch distinct items); its checkpoint waits for all.
    const outcomes = await executeWrites(transport, writes, batchSize)
    await Promise.all(writes.map((write, i) => settle(write, outcomes[i]!, local, 0)))
    const missing = page.flatMap(({ claim }) => (claim?.status === "missing" ? [claim] : []))
    await Promise.all(
      missing.map(async (claim) => {
        const outcome = await writeClaim(claimTable, operation, claim, keys)
        bump(local.claims, outcome)
        if (outcome === "taken") {
          local.needsAttention++
          bump(local.problems, "claim.taken")
        }
      }),
    )
  }
}

interface ReadItem {
  item: AttributeMap
  result: TransformResult
  claim: ClaimCheck | undefined
}

/** Transforms a page and (with `claims`) reads its claims; counts what every command counts. */
async function readPage(m: Migration, items: AttributeMap[], local: Counters): Promise<ReadItem[]> {
  const { keys, operation } = m.loop
  const results = items.map((item) => transformItem(item, m.context))
  const claims = m.options.claims
    ? await checkClaims(tableOf(m.loop, m.claimTable), operation, results, keys)
    : []
  return items.map((item, i) => {
    local.scanned++
    let result = results[i]!
    const claim = claims[i]
    if (claim) {
      bump(local.claims, claim.status)
      if (claim.status === "taken")
        result = { ...result, problems: [...result.problems, "claim.taken"] }
    }
    bump(local.perKind as Record<string, number>, result.kind)
    if (result.kind === "unknown") local.unknown++
    if (result.problems.length > 0) {
      local.needsAttention++
      for (const code of result.problems) bump(local.problems, code)
    }
    return { item, result, claim }
  })
}

function needsWrite(m: Migration, result: TransformResult): boolean {
  return result.changes.length > 0 || m.target.targetTable !== undefined
}

/** In the current layout, with its claim (when checked), and (strict) of a known kind. */
function conforms(m: Migration, { result, claim }: ReadItem): boolean {
  return (
    result.changes.length === 0 &&
    result.problems.length === 0 &&
    claim?.status !== "missing" &&
    !(m.options.strict && result.kind === "unknown")
  )
}
