/**
 * The seam between core and a runtime: one function that sends a DynamoDB
 * request and returns its response. Inputs and outputs are the low-level
 * DynamoDB JSON shapes of the API reference, with binary values (`B`, `BS`)
 * as `Uint8Array`, exactly as `@aws-sdk/client-dynamodb` takes and returns them.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB.html
 */

/** The DynamoDB operations core uses. */
export type DynamoDBOperation =
  | "GetItem"
  | "PutItem"
  | "UpdateItem"
  | "DeleteItem"
  | "Query"
  | "Scan"
  | "BatchGetItem"
  | "BatchWriteItem"
  | "TransactWriteItems"
  | "TransactGetItems"
  | "DescribeTable"
  | "CreateTable"
  // No library code sends it: migrate's throughput bench (bench/throughput.ts) drops the tables it
  // fills through a Node transport, and adapter-node maps every operation listed here.
  | "DeleteTable"
  | "DescribeTimeToLive"
  | "UpdateTimeToLive"

export interface SendOptions {
  /** Aborts the request (timeouts are built on this). */
  signal?: AbortSignal
  /**
   * Called by the transport when each attempt of this request ends (its retries
   * included), saying whether DynamoDB throttled it. Given only while an
   * `onRequest` hook is set; a transport that never calls it counts as one attempt.
   */
  onAttempt?: (outcome: { throttled: boolean }) => void
}

/** Plain JSON-like request or response body. */
export type DynamoDBBody = Record<string, any>

/**
 * Sends one request. On failure it throws a {@link TransportError}-shaped
 * error: `name` is DynamoDB's error type without namespace
 * (`ConditionalCheckFailedException`, `ValidationException`, …).
 */
export type Send = (
  operation: DynamoDBOperation,
  input: DynamoDBBody,
  options?: SendOptions,
) => Promise<DynamoDBBody>

/** What `createAdapter` takes: `createNodeTransport(client)`, `createFetchTransport(config)`, or your own `send`. */
export interface Transport {
  send: Send
}

/**
 * What a transport throws. Built from DynamoDB's response only; it never
 * carries request data, so no token or credential can leak through it.
 */
export interface TransportErrorShape extends Error {
  /** DynamoDB's error type, e.g. `ConditionalCheckFailedException`. */
  name: string
  /** HTTP status, when a response was received. */
  statusCode?: number
  /** For `TransactionCanceledException`: one code per transaction item (`None`, `ConditionalCheckFailed`, …). */
  cancellationReasons?: string[]
  /** The DynamoDB operation that failed (the message is DynamoDB's own and does not say). */
  operation?: DynamoDBOperation
}

/** Creates the error a transport throws for a DynamoDB error response. */
export function transportError(
  name: string,
  message: string,
  extra: Pick<TransportErrorShape, "statusCode" | "cancellationReasons" | "operation"> = {},
): TransportErrorShape {
  const error = new Error(message) as TransportErrorShape
  error.name = name
  if (extra.operation) error.operation = extra.operation
  if (extra.statusCode !== undefined) error.statusCode = extra.statusCode
  if (extra.cancellationReasons) error.cancellationReasons = extra.cancellationReasons
  return error
}
