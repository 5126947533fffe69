import { DynamoAuthError } from "./errors.js"
import { STORED_ATTRIBUTES } from "./keys.js"
import type { RequestEventOptions } from "./request-events.js"

/** The table's names: the official adapter's options, with the same names and defaults. */
export interface TableOptions {
  /** Table name. @default "next-auth" */
  tableName?: string
  /** Partition key attribute of the table. @default "pk" */
  partitionKey?: string
  /** Sort key attribute of the table. @default "sk" */
  sortKey?: string
  /** Global secondary index (projection ALL). @default "GSI1" */
  indexName?: string
  /** Partition key attribute of the index. @default "GSI1PK" */
  indexPartitionKey?: string
  /** Sort key attribute of the index. @default "GSI1SK" */
  indexSortKey?: string
}

/** Options of `DynamoDBAdapter` / `createAdapter`: the official adapter's table names, plus the session cache and `onRequest`. */
export interface DynamoDBAdapterOptions extends TableOptions, RequestEventOptions {
  /**
   * How many session tokens an adapter instance remembers the owner of, so
   * that a session check takes one request. 0 turns the cache off.
   * @default 10000
   */
  sessionCacheSize?: number
}

/** Table options with every default filled in and every name validated. */
export type ResolvedTableOptions = Required<TableOptions>

export const DEFAULT_SESSION_CACHE_SIZE = 10_000

/** The official adapter's defaults: table `next-auth`, keys `pk`/`sk`, index `GSI1` on `GSI1PK`/`GSI1SK`. */
export const DEFAULT_OPTIONS: ResolvedTableOptions = {
  tableName: "next-auth",
  partitionKey: "pk",
  sortKey: "sk",
  indexName: "GSI1",
  indexPartitionKey: "GSI1PK",
  indexSortKey: "GSI1SK",
}

// Table and index names: 3-255 of [a-zA-Z0-9_.-].
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
const RESOURCE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/
const MAX_ATTRIBUTE_NAME_BYTES = 255

/**
 * Validates the six table options and fills in the defaults; a bad option throws INVALID_OPTION
 * naming it. Other fields of `options` are ignored, so any options object may be passed as is.
 */
export function resolveTableOptions(options: TableOptions = {}): ResolvedTableOptions {
  const resolved = { ...DEFAULT_OPTIONS }
  // Names a key attribute may not have: what the adapter stores (a key attribute of that name
  // would silently replace the data), then the key attributes before it.
  const taken: string[] = [...STORED_ATTRIBUTES]
  for (const name of Object.keys(DEFAULT_OPTIONS) as (keyof ResolvedTableOptions)[]) {
    const value: unknown = options[name] ?? DEFAULT_OPTIONS[name]
    // tableName and indexName name resources (DynamoDB's naming rules); the rest, key attributes.
    const isResource = name === "tableName" || name === "indexName"
    const problem =
      typeof value !== "string" || !value
        ? "must be a non-empty string"
        : isResource
          ? !RESOURCE_NAME.test(value) && "must be 3-255 of a-z A-Z 0-9 _ . -"
          : new TextEncoder().encode(value).length > MAX_ATTRIBUTE_NAME_BYTES
            ? `must be at most ${MAX_ATTRIBUTE_NAME_BYTES} bytes`
            : taken.includes(value) && `"${value}" is already a data or key attribute`
    if (problem) throw invalidOption("DynamoDBAdapter", `option ${name} ${problem}`)
    resolved[name] = value as string
    if (!isResource) taken.push(value as string)
  }
  return resolved
}

/** Adapter options with defaults filled in: the table's names and the session cache size. */
export interface ResolvedAdapterOptions {
  table: ResolvedTableOptions
  sessionCacheSize: number
}

export function resolveAdapterOptions(
  options: DynamoDBAdapterOptions = {},
): ResolvedAdapterOptions {
  const table = resolveTableOptions(options)
  const size = options.sessionCacheSize ?? DEFAULT_SESSION_CACHE_SIZE
  if (!Number.isSafeInteger(size) || size < 0) {
    throw invalidOption("DynamoDBAdapter", "option sessionCacheSize must be a whole number ≥ 0")
  }
  return { table, sessionCacheSize: size }
}

/** INVALID_OPTION, for every package's options. */
export function invalidOption(operation: string, message: string) {
  return new DynamoAuthError({ code: "INVALID_OPTION", operation, message })
}
