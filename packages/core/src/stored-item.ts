/**
 * Reads of items exactly as stored, for callers that write back what they
 * read (`dynamoauth migrate`): DynamoDB JSON both ways, so a number keeps its
 * text and a set its type (scans as stored: `scanStoredPage` in ./table/).
 */
import type { AttributeMap } from "./marshall.js"
import type { Transport } from "./transport.js"

/**
 * A strongly consistent read of one item; undefined when there is none.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html
 */
export async function getStoredItem(
  transport: Transport,
  TableName: string,
  Key: AttributeMap,
): Promise<AttributeMap | undefined> {
  return (await transport.send("GetItem", { TableName, Key, ConsistentRead: true })).Item
}
