/**
 * The expression fields of a request. Each expression's placeholders are
 * rewritten into a namespace of its own (`#x` of a condition becomes `#c_x`,
 * of an update `#u_x`), so no two expressions of one request can share a
 * placeholder: a condition naming `#u0` can never re-map an update's `#u0`.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeNames.html
 */
import { type AttributeMap, marshall } from "../marshall.js"
import type { DynamoDBBody } from "../transport.js"
import type { Expression, TableNames } from "./types.js"

/** The expression fields of DynamoDB requests, each with the letter of its namespace. */
const NAMESPACE = {
  KeyConditionExpression: "k",
  ConditionExpression: "c",
  UpdateExpression: "u",
  FilterExpression: "f",
} as const

export type ExpressionField = keyof typeof NAMESPACE

/**
 * The given expression fields, with `ExpressionAttributeNames` and
 * `ExpressionAttributeValues` holding what they use (left out when empty). A
 * `:x` with no value is left for DynamoDB to refuse (ValidationException).
 */
export function expressionFields(
  names: TableNames,
  fields: Partial<Record<ExpressionField, Expression | undefined>>,
): DynamoDBBody {
  const input: DynamoDBBody = {}
  const attributeNames: Record<string, string> = {}
  const values: AttributeMap = {}
  for (const [field, expression] of Object.entries(fields)) {
    if (!expression) continue
    const ns = `${NAMESPACE[field as ExpressionField]}_`
    input[field] = expression.expression.replace(/([#:])(\w+)/g, (placeholder, sign, word) => {
      if (sign === "#") {
        attributeNames[`#${ns}${word}`] =
          expression.names?.[placeholder] ??
          (Object.hasOwn(KEY_ALIASES, word) ? names[KEY_ALIASES[word]!] : word)
      } else if (expression.values && Object.hasOwn(expression.values, placeholder)) {
        // Only the values the expression uses: DynamoDB refuses a request with an unused one.
        const marshalled = marshall(expression.values[placeholder], `value ${placeholder}`)
        if (marshalled) values[`:${ns}${word}`] = marshalled
      }
      return `${sign}${ns}${word}`
    })
  }
  if (Object.keys(attributeNames).length) input.ExpressionAttributeNames = attributeNames
  if (Object.keys(values).length) input.ExpressionAttributeValues = values
  return input
}

/** `#pk`, `#sk`, `#gpk`, `#gsk` name the configured key attributes. */
const KEY_ALIASES: Record<string, keyof TableNames> = {
  pk: "partitionKey",
  sk: "sortKey",
  gpk: "indexPartitionKey",
  gsk: "indexSortKey",
}
