/**
 * Better Auth's `secondaryStorage` on the same table: one item per key
 * (`_kv#<key>`, docs/layout.md) with the value and the TTL attribute, so
 * DynamoDB deletes expired entries; reads check expiry themselves (TTL lags).
 * `getAndDelete` and `increment` are single conditional requests, so they are
 * exact under concurrency.
 */
import {
  createKeys,
  type RequestEventOptions,
  resolveTableOptions,
  type TableOptions,
  type Transport,
} from "@dynamoauth/core"
import {
  deleteItem,
  findOr,
  getItem,
  type Item,
  invalidOption,
  isConditionFailure,
  putItem,
  type Table,
  toEpochSeconds,
  updateItem,
  withErrors,
  withRequestEvents,
} from "@dynamoauth/core/internal"
import type { SecondaryStorage } from "better-auth"
import { createModelKeys, TTL_ATTRIBUTE } from "./keys.js"

export interface DynamoAuthSecondaryStorageOptions extends TableOptions, RequestEventOptions {
  /** Sends DynamoDB requests: `createFetchTransport(config)` or `createNodeTransport(client)`. */
  transport: Transport
}

/** Rounds of starting a new counter window over an expired one that TTL has not deleted yet. */
const MAX_ROUNDS = 8

/** `#ttl` in the expressions below is the one TTL attribute. */
const names = { "#ttl": TTL_ATTRIBUTE }

/**
 * Keys are measured as they are built (core's model keys): reading or
 * deleting a key past DynamoDB's limits finds nothing and sends nothing;
 * `set` and `increment` of one fail with INVALID_INPUT naming the key and the limit.
 */
export function dynamoAuthSecondaryStorage(
  options: DynamoAuthSecondaryStorageOptions,
): SecondaryStorage {
  if (typeof options?.transport?.send !== "function") {
    throw invalidOption(
      "dynamoAuthSecondaryStorage",
      "option transport must be a dynamoauth transport (an object with send)",
    )
  }
  const resolved = resolveTableOptions(options)
  const keys = createModelKeys(createKeys(resolved))
  const table: Table = {
    transport: withRequestEvents(
      options.transport,
      resolved.tableName,
      options.onRequest,
      "dynamoAuthSecondaryStorage",
    ),
    names: resolved,
  }
  const now = () => toEpochSeconds(Date.now())
  /** The entry, unless it has expired (TTL deletes it later, up to days later). */
  const live = (item: Item | undefined) => {
    const expires = item?.[TTL_ATTRIBUTE]
    return item && !(typeof expires === "number" && expires <= now()) ? item : undefined
  }
  const run = <T>(operation: string, call: () => Promise<T>): Promise<T> =>
    withErrors(`secondaryStorage ${operation}`, resolved, call)
  return {
    get: (key) =>
      run("get", () =>
        findOr(null, async () => live(await getItem(table, keys.storage(key)))?.value ?? null),
      ),

    set: (key, value, ttl) =>
      run("set", async () => {
        await putItem(table, {
          ...keys.storage(key),
          value,
          ...(ttl && ttl > 0 ? { [TTL_ATTRIBUTE]: now() + ttl } : {}),
        })
      }),

    delete: (key) =>
      run("delete", async () => {
        await findOr(undefined, () => deleteItem(table, keys.storage(key)))
      }),

    // Conditional: of concurrent callers exactly one deletes the entry and gets its value (an
    // unconditional delete returns the old item to more than one of them on DynamoDB Local).
    getAndDelete: (key) =>
      run("getAndDelete", () =>
        findOr(null, async () => {
          try {
            const old = await deleteItem(table, keys.storage(key), {
              expression: "attribute_exists(#pk)",
            })
            return live(old)?.value ?? null
          } catch (error) {
            if (isConditionFailure(error)) return null
            throw error
          }
        }),
      ),

    increment: (key, ttl) =>
      run("increment", async () => {
        const at = keys.storage(key)
        for (let round = 0; round < MAX_ROUNDS; round++) {
          try {
            // Created at 1 with the TTL; later increments never extend the window.
            const item = await updateItem(
              table,
              at,
              {
                expression:
                  "SET #value = if_not_exists(#value, :zero) + :one, #ttl = if_not_exists(#ttl, :window)",
                names,
                values: { ":zero": 0, ":one": 1, ":window": now() + ttl },
              },
              {
                expression:
                  "attribute_not_exists(#pk) OR attribute_not_exists(#ttl) OR #ttl > :now",
                names,
                values: { ":now": now() },
              },
            )
            return item.value as number
          } catch (error) {
            if (!isConditionFailure(error)) throw error
            // The window has expired but TTL has not deleted it: start a new one at 1, if it is
            // still expired (a concurrent request may have just started it: then count on).
            try {
              const item = await updateItem(
                table,
                at,
                {
                  expression: "SET #value = :one, #ttl = :window",
                  names,
                  values: { ":one": 1, ":window": now() + ttl },
                },
                { expression: "#ttl <= :now", names, values: { ":now": now() } },
              )
              return item.value as number
            } catch (e) {
              if (!isConditionFailure(e)) throw e
            }
          }
        }
        throw new Error(`increment lost ${MAX_ROUNDS} rounds to concurrent window resets`)
      }),
  }
}
