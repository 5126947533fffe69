/** Command-line parsing: node:util's parseArgs, then values checked and typed. */
import { parseArgs } from "node:util"
import type { DynamoDBAdapterOptions } from "@dynamoauth/core"

export class UsageError extends Error {
  override name = "UsageError"
}

const TABLE = {
  table: { type: "string" },
  "partition-key": { type: "string" },
  "sort-key": { type: "string" },
  "index-name": { type: "string" },
  "index-partition-key": { type: "string" },
  "index-sort-key": { type: "string" },
  region: { type: "string" },
  endpoint: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const

const MIGRATE = {
  ...TABLE,
  "target-table": { type: "string" },
  "drop-legacy": { type: "boolean" },
  "total-segments": { type: "string" },
  segment: { type: "string", multiple: true },
  concurrency: { type: "string" },
  "page-size": { type: "string" },
  "batch-size": { type: "string" },
  "max-rps": { type: "string" },
  "max-wcu": { type: "string" },
  checkpoint: { type: "string" },
  "no-checkpoint": { type: "boolean" },
  strict: { type: "boolean" },
  claims: { type: "boolean" },
  report: { type: "string" },
  to: { type: "string" },
  sessions: { type: "string" },
} as const

export interface Connection {
  region?: string
  endpoint?: string
}

export type Command =
  | { name: "help"; topic: string }
  | {
      name: "init"
      table: DynamoDBAdapterOptions
      connection: Connection
      json: boolean
      print?: "cloudformation" | "cdk"
    }
  | {
      name: "doctor"
      table: DynamoDBAdapterOptions
      connection: Connection
      json: boolean
      sampleSize?: number
    }
  | {
      name: "migrate"
      sub: "plan" | "run" | "verify"
      table: DynamoDBAdapterOptions
      connection: Connection
      json: boolean
      targetTable?: string
      dropLegacy: boolean
      totalSegments?: number
      segments?: number[]
      concurrency?: number
      pageSize?: number
      batchSize?: number
      maxRps?: number
      maxWcu?: number
      checkpoint?: string
      strict: boolean
      claims: boolean
      report?: string
      /** `better-auth`: move the Auth.js table to Better Auth's layout instead. */
      to?: "better-auth"
      sessions?: "keep" | "drop"
    }

export function parseCommand(argv: string[]): Command {
  const [command, ...rest] = argv
  if (!command || command === "--help" || command === "-h" || command === "help")
    return { name: "help", topic: "main" }
  if (command === "init") {
    const { values } = parse(rest, { ...TABLE, print: { type: "string" } })
    if (values.help) return { name: "help", topic: "init" }
    const print = values.print as string | undefined
    if (print !== undefined && print !== "cloudformation" && print !== "cdk") {
      throw new UsageError(`--print takes "cloudformation" or "cdk", not "${print}"`)
    }
    return { name: "init", ...common(values), ...(print ? { print } : {}) }
  }
  if (command === "doctor") {
    const { values } = parse(rest, { ...TABLE, "sample-size": { type: "string" } })
    if (values.help) return { name: "help", topic: "doctor" }
    const sampleSize = integer(values["sample-size"], "--sample-size")
    return { name: "doctor", ...common(values), ...(sampleSize ? { sampleSize } : {}) }
  }
  if (command === "migrate") {
    const [sub, ...flags] = rest
    if (!sub || sub === "--help" || sub === "-h") return { name: "help", topic: "migrate" }
    if (sub !== "plan" && sub !== "run" && sub !== "verify") {
      throw new UsageError(`unknown migrate command "${sub}" (plan, run or verify)`)
    }
    const { values } = parse(flags, MIGRATE)
    if (values.help) return { name: "help", topic: "migrate" }
    const segments = (values.segment as string[] | undefined)
      ?.flatMap((s) => s.split(","))
      .map((s) => integer(s, "--segment", 0)!)
    const noCheckpoint = values["no-checkpoint"] === true
    if (noCheckpoint && values.checkpoint)
      throw new UsageError("--checkpoint and --no-checkpoint exclude each other")
    const to = values.to as "better-auth" | undefined
    if (to !== undefined && to !== "better-auth")
      throw new UsageError(`--to takes "better-auth", not "${to}"`)
    const sessions = values.sessions as "keep" | "drop" | undefined
    if (
      sessions !== undefined &&
      (to === undefined || (sessions !== "keep" && sessions !== "drop"))
    )
      throw new UsageError('--sessions takes "keep" or "drop", with --to better-auth')
    if (to && (values["drop-legacy"] || values.claims || values.strict))
      throw new UsageError("--drop-legacy, --claims and --strict are not for --to better-auth")
    const base = common(values)
    const tableName = base.table.tableName ?? "next-auth"
    const defaultCheckpoint =
      sub === "run" && !noCheckpoint
        ? `.dynamoauth-${tableName}${to ? `-${to}` : ""}${segments ? `-s${segments.join("_")}` : ""}.checkpoint.json`
        : undefined
    const checkpoint = noCheckpoint ? undefined : (values.checkpoint ?? defaultCheckpoint)
    const options = {
      targetTable: values["target-table"],
      totalSegments: integer(values["total-segments"], "--total-segments"),
      segments,
      concurrency: integer(values.concurrency, "--concurrency"),
      pageSize: integer(values["page-size"], "--page-size"),
      batchSize: integer(values["batch-size"], "--batch-size"),
      maxRps: number(values["max-rps"], "--max-rps"),
      maxWcu: number(values["max-wcu"], "--max-wcu"),
      checkpoint,
      report: values.report,
      to,
      sessions,
    }
    return {
      name: "migrate",
      sub,
      ...base,
      dropLegacy: values["drop-legacy"] === true,
      strict: values.strict === true,
      claims: values.claims === true,
      ...(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<
        typeof options
      >),
    }
  }
  throw new UsageError(`unknown command "${command}" (init, doctor, migrate)`)
}

type ParseOptions = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>["options"]>

function parse(args: string[], options: ParseOptions): { values: Record<string, any> } {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

function common(values: Record<string, any>) {
  const names: [string, keyof DynamoDBAdapterOptions][] = [
    ["table", "tableName"],
    ["partition-key", "partitionKey"],
    ["sort-key", "sortKey"],
    ["index-name", "indexName"],
    ["index-partition-key", "indexPartitionKey"],
    ["index-sort-key", "indexSortKey"],
  ]
  const table: DynamoDBAdapterOptions = {}
  for (const [flag, option] of names) if (values[flag] !== undefined) table[option] = values[flag]
  const connection: Connection = {
    ...(values.region ? { region: values.region } : {}),
    ...(values.endpoint ? { endpoint: values.endpoint } : {}),
  }
  return { table, connection, json: values.json === true }
}

function integer(value: string | undefined, flag: string, min = 1): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${flag} takes an integer ≥ ${min}, not "${value}"`)
  return n
}

function number(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`${flag} takes a positive number, not "${value}"`)
  return n
}
