/**
 * One atomic TransactWriteItems of at most 100 actions. A client request
 * token makes a transport's re-send of the same request idempotent; a
 * transaction cancelled only by concurrent transactions is retried with a
 * new token. Cancelled for any other reason, the transport's error is thrown
 * as is: its `cancellationReasons` hold one code per action, in order
 * (`None`, `ConditionalCheckFailed`, …).
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
 */
import { classifyFailure } from "../error-classify.js"
import { DynamoAuthError } from "../errors.js"
import { backoff, MAX_RETRY_ROUNDS, MAX_TRANSACT_ITEMS } from "../limits.js"
import { marshallItem } from "../marshall.js"
import type { DynamoDBBody } from "../transport.js"
import { expressionFields } from "./expressions.js"
import type { Table, TableNames, TransactItem } from "./types.js"

const ACTIONS = { put: "Put", delete: "Delete", update: "Update", check: "ConditionCheck" } as const

/** One action as DynamoDB JSON. */
export function transactAction(names: TableNames, item: TransactItem): DynamoDBBody {
  const kind = (Object.keys(ACTIONS) as (keyof typeof ACTIONS)[]).find((k) => k in item)!
  return {
    [ACTIONS[kind]]: {
      TableName: names.tableName,
      [kind === "put" ? "Item" : "Key"]: marshallItem((item as Record<string, any>)[kind]),
      ...expressionFields(names, {
        UpdateExpression: "set" in item ? item.set : undefined,
        ConditionExpression: item.condition,
      }),
    },
  }
}

/** The request, with its client request token; more than 100 actions throw INVALID_INPUT. */
export function transactInput(
  names: TableNames,
  items: TransactItem[],
  token: string,
): DynamoDBBody {
  if (items.length > MAX_TRANSACT_ITEMS) {
    throw new DynamoAuthError({
      code: "INVALID_INPUT",
      operation: "TransactWriteItems",
      message: `${items.length} actions; a transaction holds at most ${MAX_TRANSACT_ITEMS}`,
    })
  }
  return {
    TransactItems: items.map((item) => transactAction(names, item)),
    ClientRequestToken: token,
  }
}

/** Writes every action or none. */
export async function transactWrite(table: Table, items: TransactItem[]): Promise<void> {
  let input = transactInput(table.names, items, crypto.randomUUID())
  for (let round = 0; ; round++) {
    try {
      await table.transport.send("TransactWriteItems", input)
      return
    } catch (error) {
      // In progress: the same request is still running, so ask again with the same token and
      // get its outcome. Cancelled by conflicts (it has reasons): nothing was written, so
      // try a new request.
      const { code, cancellationReasons: conflicts } = classifyFailure(error)
      if (code !== "CONFLICT" || round >= MAX_RETRY_ROUNDS) throw error
      if (conflicts) input = { ...input, ClientRequestToken: crypto.randomUUID() }
      await backoff(round + 1)
    }
  }
}
