/**
 * Batches in chunks, with what DynamoDB leaves unprocessed re-sent after a
 * backoff, for a bounded number of rounds. Nothing is dropped: when items are
 * still unprocessed after the last round, the error says so (DynamoDB leaves
 * items unprocessed when it throttles, so the classifier calls it THROTTLED).
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
 */
import { UNPROCESSED_ITEMS } from "../error-classify.js"
import { backoff, MAX_RETRY_ROUNDS } from "../limits.js"
import { type DynamoDBOperation, transportError } from "../transport.js"

export async function inChunks<T>(
  all: T[],
  size: number,
  operation: DynamoDBOperation,
  send: (chunk: T[]) => Promise<T[] | undefined>,
): Promise<void> {
  for (let i = 0; i < all.length; i += size) {
    let pending = all.slice(i, i + size)
    for (let round = 0; pending.length > 0; round++) {
      if (round > MAX_RETRY_ROUNDS) {
        throw transportError(
          UNPROCESSED_ITEMS,
          `${pending.length} items still unprocessed after ${MAX_RETRY_ROUNDS} re-sends`,
          { operation },
        )
      }
      if (round > 0) await backoff(round)
      pending = (await send(pending)) ?? []
    }
  }
}
