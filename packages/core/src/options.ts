import { DynamoAuthError } from "./errors.js"

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

export interface DynamoDBAdapterOptions extends TableOptions {
  /**
   * How many session tokens an adapter instance remembers the owner of, so
   * that a session check takes one request. 0 turns the cache off.
   * @default 10000
   */
  sessionCacheSize?: number
}

export type ResolvedOptions = Required<TableOptions>

export const DEFAULT_SESSION_CACHE_SIZE = 10_000

export const DEFAULT_OPTIONS: ResolvedOptions = {
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
 * Attributes that the adapter itself writes on items. A key attribute with
 * one of these names would be overwritten by data (or overwrite it).
 */
const DATA_ATTRIBUTES = [
  "type",
  "id",
  "userId",
  "email",
  "expires",
  "sessionToken",
  "identifier",
  "token",
  "provider",
  "providerAccountId",
  "credentialID",
]

/** Validates options and fills in the defaults; a bad option throws INVALID_OPTION naming it. */
export function resolveOptions(options: TableOptions = {}): ResolvedOptions {
  if (typeof options !== "object" || options === null) {
    throw invalid("options", "must be an object")
  }
  const resolved = { ...DEFAULT_OPTIONS }
  for (const name of Object.keys(DEFAULT_OPTIONS) as (keyof ResolvedOptions)[]) {
    const value = options[name]
    if (value === undefined) continue
    if (typeof value !== "string" || value.length === 0) {
      throw invalid(name, `must be a non-empty string, got ${describe(value)}`)
    }
    resolved[name] = value
  }
  for (const name of ["tableName", "indexName"] as const) {
    if (!RESOURCE_NAME.test(resolved[name])) {
      throw invalid(
        name,
        `"${resolved[name]}" is not a valid DynamoDB name (3-255 of a-z A-Z 0-9 _ . -)`,
      )
    }
  }
  const keyNames = ["partitionKey", "sortKey", "indexPartitionKey", "indexSortKey"] as const
  const seen = new Map<string, string>()
  for (const name of keyNames) {
    const attribute = resolved[name]
    if (new TextEncoder().encode(attribute).length > MAX_ATTRIBUTE_NAME_BYTES) {
      throw invalid(name, `is longer than ${MAX_ATTRIBUTE_NAME_BYTES} bytes`)
    }
    if (DATA_ATTRIBUTES.includes(attribute)) {
      throw invalid(name, `"${attribute}" is an attribute the adapter stores data in`)
    }
    const other = seen.get(attribute)
    if (other) throw invalid(name, `"${attribute}" is already used by ${other}`)
    seen.set(attribute, name)
  }
  return resolved
}

export function resolveAdapterOptions(options: DynamoDBAdapterOptions = {}) {
  const table = resolveOptions(options)
  const size = options.sessionCacheSize ?? DEFAULT_SESSION_CACHE_SIZE
  if (!Number.isSafeInteger(size) || size < 0) {
    throw invalid("sessionCacheSize", `must be a whole number of at least 0, got ${String(size)}`)
  }
  return { table, sessionCacheSize: size }
}

function invalid(option: string, problem: string) {
  return new DynamoAuthError({
    code: "INVALID_OPTION",
    operation: "DynamoDBAdapter",
    message: `option ${option} ${problem}`,
  })
}

function describe(value: unknown) {
  return value === null ? "null" : typeof value === "string" ? "an empty string" : typeof value
}
