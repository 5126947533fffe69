/**
 * `dynamoauth doctor`: checks a live table against what the adapter needs —
 * key schema, the index and its projection, TTL on `expires` — and reads a
 * sample of items for legacy shapes. Each finding says what is wrong and
 * how to fix it. Reads only.
 */
import {
  createKeys,
  type DynamoDBAdapterOptions,
  type ResolvedTableOptions,
  resolveTableOptions,
  type Transport,
} from "@dynamoauth/core"
import { classifyError, type Table } from "@dynamoauth/core/internal"
import { migrateError } from "../errors.js"
import { bump } from "../report/report.js"
import { scanSegments } from "../scan/segments.js"
import { checkClaims } from "../to-authjs/claims.js"
import { type TransformResult, transformItem } from "../to-authjs/transform/index.js"
import { withRetries } from "../transport/retries.js"
import type { Finding } from "./finding.js"
import { checkIndex, checkKeys } from "./schema.js"
import { checkTtl } from "./ttl.js"

export type { Finding } from "./finding.js"

/** Items read per page of the sample (DynamoDB's 1 MB page limit may return fewer). */
const SAMPLE_PAGE = 1000

export interface DoctorOptions extends DynamoDBAdapterOptions {
  transport: Transport
  /** Items read to look for legacy shapes (a sample: the scan stops there). @default 1000 */
  sampleSize?: number
}

export interface DoctorReport {
  table: string
  /** No finding with status "error". */
  ok: boolean
  findings: Finding[]
  sample: {
    scanned: number
    perKind: Record<string, number>
    /** Legacy changes the sampled items need, by change name. */
    legacy: Record<string, number>
    problems: Record<string, number>
    /** Sampled users with an email, accounts and passkeys, by the state of their claim: present, missing, taken. */
    claims: Record<string, number>
  }
}

export async function doctor(options: DoctorOptions): Promise<DoctorReport> {
  const o = resolveTableOptions(options)
  const transport = withRetries(options.transport)
  const table: Table = { transport, names: o }
  const findings: Finding[] = []
  const sample = { scanned: 0, perKind: {}, legacy: {}, problems: {}, claims: {} }
  const report = () => ({
    table: o.tableName,
    ok: !findings.some((f) => f.status === "error"),
    findings,
    sample,
  })
  const flags = flagsOf(o)

  let description: any
  try {
    description = (await transport.send("DescribeTable", { TableName: o.tableName })).Table
  } catch (error) {
    if (classifyError(error).code !== "TABLE_NOT_FOUND")
      throw migrateError(error, "doctor", "(DescribeTable)")
    findings.push({
      check: "table",
      status: "error",
      message: `table "${o.tableName}" does not exist (in this region, for these credentials)`,
      fix: `dynamoauth init${flags}   (or check --table, --region, --endpoint and your AWS profile)`,
    })
    return report()
  }
  findings.push(
    description.TableStatus === "ACTIVE"
      ? { check: "table", status: "ok", message: `table "${o.tableName}" is ACTIVE` }
      : {
          check: "table",
          status: "warning",
          message: `table "${o.tableName}" is ${description.TableStatus}`,
          fix: "wait until it is ACTIVE",
        },
  )
  findings.push(...checkKeys(description, o))
  findings.push(...checkIndex(description, o))
  findings.push(await checkTtl(transport, o))
  const results = await sampleItems(table, options.sampleSize ?? 1000, sample)
  findings.push(itemsFinding(sample, flags))
  for (const check of await checkClaims(table, "doctor", results, createKeys(o))) {
    if (check) bump(sample.claims, check.status)
  }
  findings.push(claimsFinding(sample.claims, flags))
  return report()
}

/** Reads the first `size` items (eventually consistent: a sample) and what they would need. */
async function sampleItems(
  table: Table,
  size: number,
  sample: DoctorReport["sample"],
): Promise<TransformResult[]> {
  const context = { keys: createKeys(table.names), dropLegacy: false }
  const results: TransformResult[] = []
  // Pages of equal size that add up to the sample, so the last page reads no more than it needs.
  const pageSize = Math.ceil(size / Math.ceil(size / SAMPLE_PAGE))
  await scanSegments(
    { table, operation: "doctor", segments: [0], concurrency: 1, pageSize, consistent: false },
    (page) => {
      for (const item of page.items.slice(0, size - sample.scanned)) {
        sample.scanned++
        const result = transformItem(item, context)
        results.push(result)
        bump(sample.perKind, result.kind)
        for (const change of result.changes) bump(sample.legacy, change)
        for (const code of result.problems) bump(sample.problems, code)
      }
      return sample.scanned < size ? undefined : "stop"
    },
  )
  return results
}

/** Claims guard uniqueness; items written by the official or the v3 adapter have none yet. */
function claimsFinding(claims: Record<string, number>, flags: string): Finding {
  const { missing = 0, taken = 0, present = 0 } = claims
  if (missing + taken === 0) {
    return {
      check: "claims",
      status: "ok",
      message: `sampled users, accounts and passkeys: ${present} claimed, none without a claim`,
    }
  }
  const parts = [
    missing &&
      `${missing} have no claim (written by the official or the v3 adapter), so dynamoauth's uniqueness does not cover them yet`,
    taken && `${taken} share an email or provider account with another user`,
  ].filter(Boolean)
  return {
    check: "claims",
    status: "warning",
    message: `sampled users, accounts and passkeys: ${parts.join("; ")}`,
    fix: `dynamoauth migrate run --claims${flags}   (it reports shared emails and accounts as claim.taken)`,
  }
}

function itemsFinding(sample: DoctorReport["sample"], flags: string): Finding {
  const legacy = Object.entries(sample.legacy)
  const problems = Object.entries(sample.problems)
  if (legacy.length > 0) {
    return {
      check: "items",
      status: "error",
      message: `sampled ${sample.scanned} items: some are in a legacy layout the current adapter cannot read (${legacy.map(([c, n]) => `${c}: ${n}`).join(", ")})`,
      fix: `dynamoauth migrate plan${flags}   then   dynamoauth migrate run${flags}`,
    }
  }
  if (problems.length > 0) {
    return {
      check: "items",
      status: "warning",
      message: `sampled ${sample.scanned} items: ${problems.map(([c, n]) => `${c}: ${n}`).join(", ")}`,
      fix: "see the package README (problems) — these items need a decision the migration does not make for you",
    }
  }
  return {
    check: "items",
    status: "ok",
    message: `sampled ${sample.scanned} items: all in the current layout`,
  }
}

/** The CLI flags that repeat non-default options in a suggested command. */
function flagsOf(o: ResolvedTableOptions): string {
  const d = resolveTableOptions()
  const pairs: [keyof ResolvedTableOptions, string][] = [
    ["tableName", "--table"],
    ["partitionKey", "--partition-key"],
    ["sortKey", "--sort-key"],
    ["indexName", "--index-name"],
    ["indexPartitionKey", "--index-partition-key"],
    ["indexSortKey", "--index-sort-key"],
  ]
  return pairs
    .filter(([name]) => o[name] !== d[name])
    .map(([name, flag]) => ` ${flag} ${o[name]}`)
    .join("")
}
