/**
 * The "unprocessed items" fault: DynamoDB may apply only part of a batch and
 * return the rest as UnprocessedItems / UnprocessedKeys, which the client must
 * re-send. The proxy forwards the first half (rounded up, so a re-send always
 * makes progress) and hands back the rest.
 */

type Json = Record<string, any>

export interface SplitBatch {
  operation: "BatchWriteItem" | "BatchGetItem"
  forwarded: Json
  held: Record<string, any[]>
  /** BatchGetItem's per-table options (ConsistentRead, projections) to repeat with held keys. */
  getOptions: Record<string, Json>
}

export function splitBatch(operation: string, input: Json | undefined): SplitBatch | undefined {
  if ((operation !== "BatchWriteItem" && operation !== "BatchGetItem") || !input?.RequestItems)
    return undefined
  const forwardedItems: Json = {}
  const held: Record<string, any[]> = {}
  const getOptions: Record<string, Json> = {}
  for (const [table, request] of Object.entries<any>(input.RequestItems)) {
    const list: any[] = operation === "BatchWriteItem" ? request : request.Keys
    const keep = Math.ceil(list.length / 2)
    if (list.length > keep) held[table] = list.slice(keep)
    if (operation === "BatchWriteItem") forwardedItems[table] = list.slice(0, keep)
    else {
      const { Keys: _, ...options } = request
      getOptions[table] = options
      forwardedItems[table] = { ...options, Keys: list.slice(0, keep) }
    }
  }
  return { operation, forwarded: { ...input, RequestItems: forwardedItems }, held, getOptions }
}

/** The upstream answer plus the held-back part as unprocessed. */
export function withUnprocessed(split: SplitBatch, output: Json | undefined): Json {
  const answer = { ...(output ?? {}) }
  if (split.operation === "BatchWriteItem") {
    answer.UnprocessedItems = { ...answer.UnprocessedItems, ...split.held }
  } else {
    const keys: Json = { ...answer.UnprocessedKeys }
    for (const [table, held] of Object.entries(split.held)) {
      keys[table] = { ...split.getOptions[table], Keys: [...(keys[table]?.Keys ?? []), ...held] }
    }
    answer.UnprocessedKeys = keys
  }
  return answer
}
