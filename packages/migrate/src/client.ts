/**
 * The transport as the migration uses it: every request waits for the rate
 * limiter, transient failures are retried with backoff (and counted), and
 * what finally fails becomes a DynamoAuthError naming the library operation.
 * Reads go through core: its table client (plain values) where nothing read
 * is written back, `getStoredItem` (exact stored values) where it is. Writes,
 * scans and table descriptions stay on `raw`/`send`: the rate limiter needs
 * each write's capacity units, and the writer reads the per-item cancellation
 * reasons of a transaction, which the table client does not give back.
 */
import type {
  AttributeMap,
  DynamoDBBody,
  DynamoDBOperation,
  Keys,
  Transport,
} from "@dynamoauth/core"
import {
  classifyError,
  createTableClient,
  getStoredItem,
  type Item,
  type PlainKey,
} from "@dynamoauth/core/internal"
import { migrateError } from "./errors.js"
import { type RateLimit, RateLimiter } from "./rate-limit.js"
import { DEFAULT_RETRY, type RetryOptions, withRetry } from "./retry.js"

export interface MigrationClient {
  /**
   * Strongly consistent reads of many keys through core's table client (plain
   * values; missing items are absent); throws a DynamoAuthError naming `libraryOperation`.
   */
  batchGet(
    libraryOperation: string,
    tableName: string,
    keys: Keys,
    wanted: PlainKey[],
  ): Promise<Item[]>
  /** A strongly consistent read of the item exactly as stored; throws a DynamoAuthError naming `libraryOperation`. */
  getStored(
    libraryOperation: string,
    tableName: string,
    key: AttributeMap,
  ): Promise<AttributeMap | undefined>
  /** Sends with retries; throws the transport's error (for callers that inspect it). */
  raw(operation: DynamoDBOperation, input: DynamoDBBody, writeUnits?: number): Promise<DynamoDBBody>
  /** Sends with retries; throws a DynamoAuthError naming `libraryOperation`. */
  send(
    libraryOperation: string,
    operation: DynamoDBOperation,
    input: DynamoDBBody,
    writeUnits?: number,
  ): Promise<DynamoDBBody>
  /** Retries so far (throttling, resets, 5xx, conflicts). */
  readonly retries: number
  readonly throttled: number
  /** Capacity units consumed so far, as DynamoDB reported them (requests that failed report none). */
  readonly consumedCapacity: ConsumedCapacity
}

export interface ConsumedCapacity {
  readUnits: number
  writeUnits: number
}

/** Operations that take `ReturnConsumedCapacity`, and whether they read (else they write). https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ConsumedCapacity.html */
const CAPACITY: Partial<Record<DynamoDBOperation, "read" | "write">> = {
  GetItem: "read",
  Query: "read",
  Scan: "read",
  BatchGetItem: "read",
  TransactGetItems: "read",
  PutItem: "write",
  UpdateItem: "write",
  DeleteItem: "write",
  BatchWriteItem: "write",
  TransactWriteItems: "write",
}

export interface ClientOptions {
  retry?: RetryOptions
  rateLimit?: RateLimit
}

export function createMigrationClient(
  transport: Transport,
  options: ClientOptions = {},
): MigrationClient {
  const retry = { ...DEFAULT_RETRY, ...options.retry }
  const limiter = new RateLimiter(options.rateLimit)
  let retries = 0
  let throttled = 0
  const consumed: ConsumedCapacity = { readUnits: 0, writeUnits: 0 }
  const count = (kind: "read" | "write", reported: unknown) => {
    // One object, or one per table for batches and transactions.
    for (const c of [reported].flat() as Record<string, unknown>[]) {
      if (!c || typeof c !== "object") continue
      const total = Number(c.CapacityUnits ?? 0)
      const read = c.ReadCapacityUnits
      const write = c.WriteCapacityUnits
      consumed.readUnits += Number(read ?? (write === undefined && kind === "read" ? total : 0))
      consumed.writeUnits += Number(write ?? (read === undefined && kind === "write" ? total : 0))
    }
  }
  const raw: MigrationClient["raw"] = (operation, input, writeUnits = 0) =>
    withRetry(
      async () => {
        await limiter.acquire(writeUnits)
        const kind = CAPACITY[operation]
        if (!kind) return transport.send(operation, input)
        const out = await transport.send(operation, { ...input, ReturnConsumedCapacity: "TOTAL" })
        count(kind, out.ConsumedCapacity)
        return out
      },
      retry,
      (error) => {
        retries++
        if (classifyError(error).throttled) throttled++
      },
    )
  // What core's table client and helpers are given: reads, so no write units.
  const limited: Transport = { send: (operation, input) => raw(operation, input) }
  const wrapped = <T>(libraryOperation: string, context: string, request: () => Promise<T>) =>
    request().catch((error: unknown) => {
      throw migrateError(error, libraryOperation, context)
    })
  return {
    batchGet: (libraryOperation, tableName, keys, wanted) =>
      wrapped(libraryOperation, `(BatchGetItem on ${tableName})`, () =>
        createTableClient(limited, { ...keys, tableName }).batchGet(wanted),
      ),
    getStored: (libraryOperation, tableName, key) =>
      wrapped(libraryOperation, `(GetItem on ${tableName})`, () =>
        getStoredItem(limited, tableName, key),
      ),
    raw,
    send: (libraryOperation, operation, input, writeUnits) =>
      wrapped(libraryOperation, `(${operation} on ${String(input.TableName ?? "")})`, () =>
        raw(operation, input, writeUnits),
      ),
    get retries() {
      return retries
    },
    get throttled() {
      return throttled
    },
    consumedCapacity: consumed,
  }
}
