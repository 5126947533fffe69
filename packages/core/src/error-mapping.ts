/** Turns what a transport throws into a DynamoAuthError naming the adapter operation. */
import { classifyFailure } from "./error-classify.js"
import { DynamoAuthError, isDynamoAuthError } from "./errors.js"
import { KEY_TOO_LONG } from "./limits.js"
import type { ResolvedTableOptions } from "./options.js"
import type { TransportErrorShape } from "./transport.js"

export function isConditionFailure(error: unknown): boolean {
  return (error as TransportErrorShape)?.name === "ConditionalCheckFailedException"
}

export function cancellationReasons(error: unknown): string[] | undefined {
  const e = error as TransportErrorShape
  return e?.name === "TransactionCanceledException" ? (e.cancellationReasons ?? []) : undefined
}

export function toDynamoAuthError(
  error: unknown,
  operation: string,
  options: ResolvedTableOptions,
): DynamoAuthError {
  if (isDynamoAuthError(error)) return error
  const { code, awsErrorName, message, cancellationReasons: reasons = [] } = classifyFailure(error)
  // DynamoDB's messages do not name the table or index: say which. Every other
  // message is DynamoDB's (or the network's), redacted by the classifier.
  const text =
    code === "TABLE_NOT_FOUND"
      ? `table "${options.tableName}" not found (check tableName, region, credentials)`
      : code === "INDEX_NOT_FOUND"
        ? `table "${options.tableName}" has no index "${options.indexName}"`
        : reasons.length
          ? `${message} [${reasons}]`
          : message
  return new DynamoAuthError({ code, operation, message: text, awsErrorName, cause: error })
}

/**
 * The one error wrapper: runs one operation of a store (an Auth.js adapter
 * method, a Better Auth adapter method, a secondary-storage call), and
 * whatever it throws leaves as a DynamoAuthError naming `operation` and
 * DynamoDB's error code. A key past DynamoDB's limits that gets here was built
 * to be written (lookups find nothing instead, `findOr`): INVALID_INPUT naming
 * the field and the limit; it was thrown before any request, so nothing was written.
 */
export async function withErrors<T>(
  operation: string,
  options: ResolvedTableOptions,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if ((error as Error)?.name !== KEY_TOO_LONG) throw toDynamoAuthError(error, operation, options)
    throw new DynamoAuthError({
      code: "INVALID_INPUT",
      operation,
      message: (error as Error).message,
    })
  }
}
