/**
 * Write capacity units of a request, for `--max-wcu`: estimated from the
 * request before it is sent (one unit per KB written, twice that in a
 * transaction), then corrected by what DynamoDB reports it consumed.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 */
import type { AttributeMap, DynamoDBBody, DynamoDBOperation } from "@dynamoauth/core"
import { capacityOf } from "@dynamoauth/core/internal"
import { itemSize } from "../attributes.js"

/** One write capacity unit covers 1 KB. */
const WRITE_UNIT_BYTES = 1024
/** A transactional write costs two. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-capacity-handling */
const TRANSACTION_COST = 2

const units = (bytes: number) => Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES))

/** An item written whole (a put) costs its size; any other action at least its key and new values. */
function actionUnits(action: DynamoDBBody): number {
  if (action.Item) return units(itemSize(action.Item))
  const written: AttributeMap = { ...action.Key, ...action.ExpressionAttributeValues }
  return units(itemSize(written))
}

export function estimatedWriteUnits(operation: DynamoDBOperation, input: DynamoDBBody): number {
  switch (operation) {
    case "PutItem":
    case "UpdateItem":
    case "DeleteItem":
      return actionUnits(input)
    case "TransactWriteItems":
      return (input.TransactItems as DynamoDBBody[]).reduce(
        (n, action) => n + TRANSACTION_COST * actionUnits(Object.values(action)[0]),
        0,
      )
    case "BatchWriteItem":
      return Object.values(input.RequestItems as Record<string, DynamoDBBody[]>)
        .flat()
        .reduce((n, request) => n + actionUnits(request.PutRequest ?? request.DeleteRequest), 0)
    default:
      return 0
  }
}

/** Write units DynamoDB reports a response consumed (0 when it reports none). */
export function consumedWriteUnits(operation: DynamoDBOperation, output: DynamoDBBody): number {
  return capacityOf(operation, output.ConsumedCapacity)?.writeUnits ?? 0
}
