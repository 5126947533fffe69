/**
 * Typed requests on the adapter's table over a transport: plain JS values in
 * and out, marshalling in one place, pagination followed, unprocessed batch
 * items re-sent, and conflicting transactions retried.
 */
import { classifyFailure } from "./error-classify.js"
import type { PlainKey } from "./keys.js"
import { backoff, MAX_BATCH_GET, MAX_BATCH_WRITE, MAX_RETRY_ROUNDS } from "./limits.js"
import { type AttributeMap, marshallEntries, marshallItem, unmarshallItem } from "./marshall.js"
import type { ResolvedTableOptions } from "./options.js"
import {
  type DynamoDBBody,
  type DynamoDBOperation,
  type Transport,
  transportError,
} from "./transport.js"

export type Item = Record<string, unknown>

/**
 * A condition or update expression, values as plain JS. Name placeholders
 * need no entry in `names` when they are `#pk`, `#sk`, `#gpk`, `#gsk` (the
 * configured key attributes) or `#<attribute>` for an attribute named in word
 * characters; `names` is for any other attribute name.
 */
export interface Expression {
  expression: string
  names?: Record<string, string>
  values?: Record<string, unknown>
}

export type TransactItem =
  | { put: Item; condition?: Expression }
  | { delete: PlainKey; condition?: Expression }
  | { update: PlainKey; set: Expression; condition?: Expression }
  | { check: PlainKey; condition: Expression }

export type TableClient = ReturnType<typeof createTableClient>

/** The names a table client needs: the table's and its key attributes' (a query names its index). */
export type TableNames = Omit<ResolvedTableOptions, "indexName">

export function createTableClient(transport: Transport, options: TableNames) {
  const { tableName: TableName } = options
  const aliases: Record<string, string> = {
    pk: options.partitionKey,
    sk: options.sortKey,
    gpk: options.indexPartitionKey,
    gsk: options.indexSortKey,
  }
  /** Expression fields of a request; the expressions share one set of placeholders (callers keep them distinct). */
  const expressions = (fields: Record<string, Expression | undefined>): DynamoDBBody => {
    const input: DynamoDBBody = {}
    const names: Record<string, string> = {}
    const values: AttributeMap = {}
    for (const [field, expression] of Object.entries(fields)) {
      if (!expression) continue
      input[field] = expression.expression
      for (const [placeholder, name] of expression.expression.matchAll(/#(\w+)/g)) {
        names[placeholder] = expression.names?.[placeholder] ?? aliases[name!] ?? name!
      }
      Object.assign(values, marshallEntries(expression.values ?? {}, "value"))
    }
    if (Object.keys(names).length) input.ExpressionAttributeNames = names
    if (Object.keys(values).length) input.ExpressionAttributeValues = values
    return input
  }
  const transactInput = (item: TransactItem): DynamoDBBody => {
    const kind = (Object.keys(TRANSACT_KINDS) as (keyof typeof TRANSACT_KINDS)[]).find(
      (k) => k in item,
    )!
    const target = (item as Record<string, any>)[kind]
    return {
      [TRANSACT_KINDS[kind]]: {
        TableName,
        [kind === "put" ? "Item" : "Key"]: marshallItem(target),
        ...expressions({
          UpdateExpression: "set" in item ? item.set : undefined,
          ConditionExpression: item.condition,
        }),
      },
    }
  }
  const send = (operation: DynamoDBOperation, input: DynamoDBBody) =>
    transport.send(operation, input)

  /** A single-item request; returns the item it read or returned, if any. */
  const single = async (operation: DynamoDBOperation, input: DynamoDBBody) => {
    const out = await send(operation, { TableName, ...input })
    const item = out.Item ?? out.Attributes
    return item ? unmarshallItem(item) : undefined
  }

  return {
    /** A strongly consistent read. */
    get: (key: PlainKey) => single("GetItem", { Key: marshallItem(key), ConsistentRead: true }),

    /** Updates and returns the new item (ALL_NEW always returns one). */
    update: (key: PlainKey, set: Expression, condition?: Expression) =>
      single("UpdateItem", {
        Key: marshallItem(key),
        ReturnValues: "ALL_NEW",
        ...expressions({ UpdateExpression: set, ConditionExpression: condition }),
      }) as Promise<Item>,

    /** Deletes and returns the old item (undefined when there was none). */
    delete: (key: PlainKey, condition?: Expression) =>
      single("DeleteItem", {
        Key: marshallItem(key),
        ReturnValues: "ALL_OLD",
        ...expressions({ ConditionExpression: condition }),
      }),

    /** Every item matching a key condition (on the table, or on the index named), all pages. */
    async query(condition: Expression, index?: string): Promise<Item[]> {
      const items: Item[] = []
      let ExclusiveStartKey: AttributeMap | undefined
      do {
        const out = await send("Query", {
          TableName,
          // Index reads cannot be strongly consistent; table reads here always are.
          ...(index ? { IndexName: index } : { ConsistentRead: true }),
          ...expressions({ KeyConditionExpression: condition }),
          ExclusiveStartKey, // undefined on the first page: left out of the JSON (and by the SDK)
        })
        for (const item of out.Items ?? []) items.push(unmarshallItem(item))
        ExclusiveStartKey = out.LastEvaluatedKey
      } while (ExclusiveStartKey)
      return items
    },

    /** Strongly consistent reads of many keys; missing items are simply absent. */
    async batchGet(keys: PlainKey[]): Promise<Item[]> {
      const items: Item[] = []
      await inChunks(keys.map(marshallItem), MAX_BATCH_GET, "BatchGetItem", async (Keys) => {
        const out = await send("BatchGetItem", {
          RequestItems: { [TableName]: { Keys, ConsistentRead: true } },
        })
        for (const item of out.Responses?.[TableName] ?? []) items.push(unmarshallItem(item))
        return out.UnprocessedKeys?.[TableName]?.Keys
      })
      return items
    },

    /** Puts in batches of 25 (not atomic), re-sending unprocessed ones. */
    async batchWrite(writes: { puts: Item[] }): Promise<void> {
      const requests = writes.puts.map((item) => ({ PutRequest: { Item: marshallItem(item) } }))
      await inChunks(requests, MAX_BATCH_WRITE, "BatchWriteItem", async (chunk) => {
        const out = await send("BatchWriteItem", { RequestItems: { [TableName]: chunk } })
        return out.UnprocessedItems?.[TableName]
      })
    },

    /**
     * One atomic transaction (at most 100 items: DynamoDB refuses more). A client token makes a
     * transport's re-send of the same request idempotent; transactions that
     * lose only to concurrent transactions are retried with a new token.
     */
    async transact(items: TransactItem[]): Promise<void> {
      const TransactItems = items.map(transactInput)
      let ClientRequestToken = crypto.randomUUID()
      for (let round = 0; ; round++) {
        try {
          await send("TransactWriteItems", { TransactItems, ClientRequestToken })
          return
        } catch (error) {
          // In progress: the same request is still running, so ask again with the same token and
          // get its outcome. Cancelled by conflicts (it has reasons): nothing was written, so
          // try a new request.
          const { code, cancellationReasons: conflicts } = classifyFailure(error)
          if (code !== "CONFLICT" || round >= MAX_RETRY_ROUNDS) throw error
          if (conflicts) ClientRequestToken = crypto.randomUUID()
          await backoff(round + 1)
        }
      }
    },
  }
}

const TRANSACT_KINDS = {
  put: "Put",
  delete: "Delete",
  update: "Update",
  check: "ConditionCheck",
} as const

/**
 * Sends `all` in chunks of `size`; whatever a request reports unprocessed is
 * re-sent after a backoff, for a bounded number of rounds. Nothing is dropped.
 */
export async function inChunks<T>(
  all: T[],
  size: number,
  operation: string,
  send: (chunk: T[]) => Promise<T[] | undefined>,
): Promise<void> {
  for (let i = 0; i < all.length; i += size) {
    let pending = all.slice(i, i + size)
    for (let round = 0; pending.length > 0; round++) {
      if (round > MAX_RETRY_ROUNDS) {
        throw transportError(
          "ProvisionedThroughputExceededException",
          `${operation} left items unprocessed after ${MAX_RETRY_ROUNDS} rounds`,
        )
      }
      if (round > 0) await backoff(round)
      pending = (await send(pending)) ?? []
    }
  }
}
