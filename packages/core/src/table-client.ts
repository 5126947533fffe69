/**
 * Typed requests on the adapter's table over a transport: plain JS values in
 * and out, marshalling in one place, pagination followed, unprocessed batch
 * items re-sent, and conflicting transactions retried.
 */
import { cancellationReasons } from "./error-mapping.js"
import type { PlainKey } from "./keys.js"
import {
  backoff,
  MAX_BATCH_GET,
  MAX_BATCH_WRITE,
  MAX_RETRY_ROUNDS,
  MAX_TRANSACT_ITEMS,
} from "./limits.js"
import { type AttributeMap, marshall, marshallItem, unmarshallItem } from "./marshall.js"
import type { DynamoDBBody, Transport } from "./transport.js"

export type Item = Record<string, unknown>

/** A condition or update expression with its placeholders, values as plain JS. */
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

export function createTableClient(transport: Transport, tableName: string) {
  const send = (operation: Parameters<Transport["send"]>[0], input: DynamoDBBody) =>
    transport.send(operation, input)
  const TableName = tableName

  return {
    async get(key: PlainKey, consistent = true): Promise<Item | undefined> {
      const out = await send("GetItem", {
        TableName,
        Key: marshallItem(key),
        ConsistentRead: consistent,
      })
      return out.Item ? unmarshallItem(out.Item) : undefined
    },

    async put(item: Item, condition?: Expression): Promise<void> {
      await send("PutItem", {
        TableName,
        Item: marshallItem(item),
        ...expressionInput(condition, "ConditionExpression"),
      })
    },

    async update(key: PlainKey, set: Expression, condition?: Expression): Promise<Item> {
      const out = await send("UpdateItem", {
        TableName,
        Key: marshallItem(key),
        ReturnValues: "ALL_NEW",
        ...mergeExpressions(set, "UpdateExpression", condition, "ConditionExpression"),
      })
      return unmarshallItem(out.Attributes ?? {})
    },

    /** Deletes and returns the old item (undefined when there was none). */
    async delete(key: PlainKey, condition?: Expression): Promise<Item | undefined> {
      const out = await send("DeleteItem", {
        TableName,
        Key: marshallItem(key),
        ReturnValues: "ALL_OLD",
        ...expressionInput(condition, "ConditionExpression"),
      })
      return out.Attributes ? unmarshallItem(out.Attributes) : undefined
    },

    /** Every item matching an exact key (and optional sort-key prefix), all pages. */
    async query(params: {
      index?: string
      partition: [name: string, value: string]
      sort?: [name: string, value: string, mode: "=" | "begins_with"]
      consistent?: boolean
      limit?: number
    }): Promise<Item[]> {
      const names: Record<string, string> = { "#p": params.partition[0] }
      const values: Record<string, unknown> = { ":p": params.partition[1] }
      let condition = "#p = :p"
      if (params.sort) {
        names["#s"] = params.sort[0]
        values[":s"] = params.sort[1]
        condition += params.sort[2] === "=" ? " AND #s = :s" : " AND begins_with(#s, :s)"
      }
      const items: Item[] = []
      let ExclusiveStartKey: AttributeMap | undefined
      do {
        const out = await send("Query", {
          TableName,
          ...(params.index
            ? { IndexName: params.index }
            : { ConsistentRead: params.consistent ?? true }),
          KeyConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: marshallValues(values),
          ...(params.limit ? { Limit: params.limit } : {}),
          ...(ExclusiveStartKey ? { ExclusiveStartKey } : {}),
        })
        for (const item of out.Items ?? []) items.push(unmarshallItem(item))
        ExclusiveStartKey = out.LastEvaluatedKey
      } while (ExclusiveStartKey && !(params.limit && items.length >= params.limit))
      return items
    },

    /** Strongly consistent reads of many keys; missing items are simply absent. */
    async batchGet(keys: PlainKey[]): Promise<Item[]> {
      const items: Item[] = []
      for (let i = 0; i < keys.length; i += MAX_BATCH_GET) {
        let pending: AttributeMap[] = keys.slice(i, i + MAX_BATCH_GET).map((k) => marshallItem(k))
        for (let round = 0; pending.length > 0; round++) {
          if (round > MAX_RETRY_ROUNDS) throw unprocessedError("BatchGetItem")
          if (round > 0) await backoff(round)
          const out = await send("BatchGetItem", {
            RequestItems: { [TableName]: { Keys: pending, ConsistentRead: true } },
          })
          for (const item of out.Responses?.[TableName] ?? []) items.push(unmarshallItem(item))
          pending = out.UnprocessedKeys?.[TableName]?.Keys ?? []
        }
      }
      return items
    },

    /** Puts and deletes in batches of 25 (not atomic), re-sending unprocessed ones. */
    async batchWrite(writes: { puts?: Item[]; deletes?: PlainKey[] }): Promise<void> {
      const requests: DynamoDBBody[] = [
        ...(writes.puts ?? []).map((item) => ({ PutRequest: { Item: marshallItem(item) } })),
        ...(writes.deletes ?? []).map((key) => ({ DeleteRequest: { Key: marshallItem(key) } })),
      ]
      for (let i = 0; i < requests.length; i += MAX_BATCH_WRITE) {
        let pending = requests.slice(i, i + MAX_BATCH_WRITE)
        for (let round = 0; pending.length > 0; round++) {
          if (round > MAX_RETRY_ROUNDS) throw unprocessedError("BatchWriteItem")
          if (round > 0) await backoff(round)
          const out = await send("BatchWriteItem", { RequestItems: { [TableName]: pending } })
          pending = out.UnprocessedItems?.[TableName] ?? []
        }
      }
    },

    /**
     * One atomic transaction (at most 100 items). A client token makes a
     * transport's re-send of the same request idempotent; transactions that
     * lose only to concurrent transactions are retried with a new token.
     */
    async transact(items: TransactItem[]): Promise<void> {
      if (items.length > MAX_TRANSACT_ITEMS) {
        throw new RangeError(`a transaction holds at most ${MAX_TRANSACT_ITEMS} items`)
      }
      const TransactItems = items.map((item) => transactInput(TableName, item))
      for (let round = 0; ; round++) {
        try {
          await send("TransactWriteItems", {
            TransactItems,
            ClientRequestToken: crypto.randomUUID(),
          })
          return
        } catch (error) {
          const reasons = cancellationReasons(error)
          const onlyConflicts =
            reasons?.includes("TransactionConflict") &&
            reasons.every((r) => r === "TransactionConflict" || r === "None")
          const inProgress = (error as Error)?.name === "TransactionInProgressException"
          if (!(onlyConflicts || inProgress) || round >= MAX_RETRY_ROUNDS) throw error
          await backoff(round + 1)
        }
      }
    },
  }
}

function transactInput(TableName: string, item: TransactItem): DynamoDBBody {
  if ("put" in item) {
    return {
      Put: {
        TableName,
        Item: marshallItem(item.put),
        ...expressionInput(item.condition, "ConditionExpression"),
      },
    }
  }
  if ("delete" in item) {
    return {
      Delete: {
        TableName,
        Key: marshallItem(item.delete),
        ...expressionInput(item.condition, "ConditionExpression"),
      },
    }
  }
  if ("update" in item) {
    return {
      Update: {
        TableName,
        Key: marshallItem(item.update),
        ...mergeExpressions(item.set, "UpdateExpression", item.condition, "ConditionExpression"),
      },
    }
  }
  return {
    ConditionCheck: {
      TableName,
      Key: marshallItem(item.check),
      ...expressionInput(item.condition, "ConditionExpression"),
    },
  }
}

function marshallValues(values: Record<string, unknown>): AttributeMap {
  const out: AttributeMap = {}
  for (const [name, value] of Object.entries(values)) {
    const converted = marshall(value, name)
    if (converted) out[name] = converted
  }
  return out
}

function expressionInput(expression: Expression | undefined, field: string): DynamoDBBody {
  if (!expression) return {}
  const input: DynamoDBBody = { [field]: expression.expression }
  if (expression.names && Object.keys(expression.names).length)
    input.ExpressionAttributeNames = expression.names
  if (expression.values && Object.keys(expression.values).length) {
    input.ExpressionAttributeValues = marshallValues(expression.values)
  }
  return input
}

/** Two expressions in one request share the placeholder maps; callers keep placeholders distinct. */
function mergeExpressions(
  a: Expression,
  aField: string,
  b: Expression | undefined,
  bField: string,
): DynamoDBBody {
  const first = expressionInput(a, aField)
  if (!b) return first
  const second = expressionInput(b, bField)
  return {
    ...first,
    [bField]: second[bField],
    ExpressionAttributeNames: {
      ...first.ExpressionAttributeNames,
      ...second.ExpressionAttributeNames,
    },
    ...(first.ExpressionAttributeValues || second.ExpressionAttributeValues
      ? {
          ExpressionAttributeValues: {
            ...first.ExpressionAttributeValues,
            ...second.ExpressionAttributeValues,
          },
        }
      : {}),
  }
}

function unprocessedError(operation: string) {
  const error = new Error(`${operation} left items unprocessed after ${MAX_RETRY_ROUNDS} rounds`)
  error.name = "ProvisionedThroughputExceededException"
  return error
}
