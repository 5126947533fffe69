/**
 * @dynamoauth/better-auth — a DynamoDB database adapter for Better Auth over
 * dynamoauth's one-function transport: the AWS SDK on Node
 * (`createNodeTransport` from `@dynamoauth/adapter-node`) or signed fetch on
 * Workers, edge runtimes, Bun and Deno (`createFetchTransport` from
 * `@dynamoauth/adapter-edge`). Same table and options as the Auth.js adapter.
 *
 * ```ts
 * import { betterAuth } from "better-auth"
 * import { dynamoAuthBetterAuth } from "@dynamoauth/better-auth"
 * import { createFetchTransport } from "@dynamoauth/adapter-edge"
 * export const auth = betterAuth({
 *   database: dynamoAuthBetterAuth({ transport: createFetchTransport({ region, credentials }) }),
 * })
 * ```
 */
import {
  createKeys,
  type RequestEventOptions,
  type ResolvedTableOptions,
  resolveTableOptions,
  type TableOptions,
  type Transport,
} from "@dynamoauth/core"
import { invalidOption, withErrors, withRequestEvents } from "@dynamoauth/core/internal"
import type { BetterAuthOptions, DBTransactionAdapter } from "better-auth"
import {
  type AdapterFactoryCustomizeAdapterCreator,
  type CustomAdapter,
  createAdapterFactory,
} from "better-auth/adapters"
import { createModelKeys, LAYOUT_ATTRIBUTES } from "./keys.js"
import { countersOf, ownersOf, rateLimitTtl, readSchema } from "./schema.js"
import { runTransaction } from "./store/commit.js"
import type { StoreContext } from "./store/context.js"
import { withReadMemo } from "./store/read-memo.js"
import type { Transaction } from "./store/transaction.js"
import { createStore, createStoreContext, type ScanPolicy } from "./store.js"

export { DynamoAuthError, type DynamoAuthErrorCode, isDynamoAuthError } from "@dynamoauth/core"
export {
  type DynamoAuthSecondaryStorageOptions,
  dynamoAuthSecondaryStorage,
} from "./secondary-storage.js"
export type { ScanPolicy } from "./store.js"

export interface DynamoAuthBetterAuthOptions extends TableOptions, RequestEventOptions {
  /** Sends DynamoDB requests: `createNodeTransport(client)` or `createFetchTransport(config)`. */
  transport: Transport
  /**
   * A query no key lookup answers scans the table. `"warn"` logs each such
   * query shape once per adapter instance (never values); `"allow"` scans
   * silently; `"refuse"` throws `SCAN_REFUSED` instead. @default "warn"
   */
  scan?: ScanPolicy
  /** Where scan warnings go. @default console.warn */
  warn?: (message: string) => void
  /** Better Auth's adapter debug logs. @default false */
  debugLogs?: boolean
}

const OPERATION = "dynamoAuthBetterAuth"
const METHODS = [
  "create",
  "findOne",
  "findMany",
  "count",
  "update",
  "updateMany",
  "delete",
  "deleteMany",
  "consumeOne",
  "incrementOne",
] as const

export function dynamoAuthBetterAuth(options: DynamoAuthBetterAuthOptions) {
  if (typeof options?.transport?.send !== "function") {
    throw invalidOption(
      OPERATION,
      "option transport must be a dynamoauth transport (an object with send)",
    )
  }
  const scan = options.scan ?? "warn"
  if (!["warn", "allow", "refuse"].includes(scan)) {
    throw invalidOption(OPERATION, 'option scan must be "warn", "allow" or "refuse"')
  }
  const table = resolveTableOptions(options)
  const keys = createKeys(table)
  const transport = withRequestEvents(
    options.transport,
    table.tableName,
    options.onRequest,
    OPERATION,
  )
  const reserved = new Set<string>([...keys.attributeNames, ...LAYOUT_ATTRIBUTES])

  const config = {
    adapterId: "dynamoauth",
    adapterName: "dynamoauth (DynamoDB)",
    usePlural: false,
    debugLogs: options.debugLogs ?? false,
    // DynamoDB has no date, JSON or array column types: Better Auth stores
    // dates as ISO strings (which sort and compare correctly), JSON and arrays as strings.
    supportsDates: false,
    supportsBooleans: true,
    supportsJSON: false,
    supportsArrays: false,
    supportsNumericIds: false,
  }
  const contextFor = ({ schema, getFieldName, options: authOptions }: AdapterHelpers) => {
    const models = readModels(schema, reserved, rateLimitTtl(authOptions))
    return createStoreContext({
      options: table,
      // Repeated reads within one Better Auth request are answered once (store/read-memo.ts).
      table: { transport: withReadMemo(transport), names: table },
      keys,
      modelKeys: createModelKeys(keys),
      models,
      owners: ownersOf(schema, models),
      counters: countersOf(schema, models),
      scan,
      warn: options.warn ?? ((message) => console.warn(message)),
      fieldName: (model, field) => {
        try {
          return getFieldName({ model, field })
        } catch {
          return field // a model or field the schema does not know: stored under its own name
        }
      },
    })
  }

  return (betterAuth: BetterAuthOptions) => {
    /** Built with the adapter (it needs Better Auth's schema); its transactions share it. */
    let ctx: StoreContext | undefined
    /** The adapter Better Auth calls: at once, or inside the transaction `tx`. */
    const factory = (tx?: Transaction) =>
      createAdapterFactory({
        config: { ...config, transaction: tx ? false : transaction },
        adapter: (helpers) => {
          ctx ??= contextFor(helpers)
          return errorsNamed(createStore(ctx, tx), table)
        },
      })(betterAuth)
    // Writes inside the callback are collected and committed together when it returns (commit.ts).
    const transaction = <R>(callback: (trx: DBTransactionAdapter) => Promise<R>): Promise<R> =>
      runTransaction(ctx!, (tx) => callback(factory(tx)))
    return factory()
  }
}

type AdapterHelpers = Parameters<AdapterFactoryCustomizeAdapterCreator>[0]

function readModels(schema: AdapterHelpers["schema"], reserved: Set<string>, ttl: number) {
  for (const [model, table] of Object.entries(schema)) {
    for (const [field, attributes] of Object.entries(table.fields)) {
      const name = attributes.fieldName ?? field
      if (reserved.has(name)) {
        throw invalidOption(
          OPERATION,
          `field ${model}.${name} has a name the adapter stores itself`,
        )
      }
    }
  }
  return readSchema(schema, { rateLimitTtl: ttl })
}

/**
 * Every error leaves as a DynamoAuthError naming the method and model (core's
 * one error wrapper; a value past the key limits left to a write is INVALID_INPUT).
 */
function errorsNamed(store: CustomAdapter, table: ResolvedTableOptions): CustomAdapter {
  const wrapped: Record<string, unknown> = {}
  for (const method of METHODS) {
    const run = store[method] as (args: { model: string }) => Promise<unknown>
    wrapped[method] = (args: { model: string }) =>
      withErrors(`${method} ${args.model}`, table, () => run(args))
  }
  return wrapped as unknown as CustomAdapter
}
