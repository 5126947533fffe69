/**
 * `onRequest`: one event per DynamoDB request, after it settles, so users can
 * see what auth costs (requests, latency, retries, capacity units) without a
 * proxy. It wraps a transport, so every request of every package passes it;
 * with no hook the transport is returned unchanged and nothing differs on
 * the wire.
 */
import { classifyFailure } from "./error-classify.js"
import { DynamoAuthError, type DynamoAuthErrorCode } from "./errors.js"
import type { DynamoDBBody, DynamoDBOperation, Transport } from "./transport.js"

/** What `onRequest` receives. Never a key, an attribute value, a token or a credential. */
export interface RequestEvent {
  /** DynamoDB's operation, e.g. `GetItem`, `TransactWriteItems`. */
  operation: DynamoDBOperation
  /** The table the adapter was configured with. */
  table: string
  /** From sending to the answer (or the final failure), retries included, in ms. */
  durationMs: number
  /** Attempts the transport made: 1 when there was no retry. */
  attempts: number
  /** How many of those attempts DynamoDB throttled. */
  throttled: number
  /** dynamoauth's error code, when the request failed after its retries. */
  error?: DynamoAuthErrorCode
  /**
   * Capacity units DynamoDB reports it consumed (`ReturnConsumedCapacity: "TOTAL"`, asked for
   * only while a hook is set). Absent for operations that consume none, and on failure.
   * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ConsumedCapacity.html
   */
  consumedCapacity?: { readUnits: number; writeUnits: number }
}

/**
 * Called once per DynamoDB request. It runs after the request settled and is
 * not awaited: a hook that throws, rejects or takes its time never breaks or
 * delays the auth call.
 */
export type OnRequest = (event: RequestEvent) => unknown

/** The option, as every dynamoauth entry point takes it. */
export interface RequestEventOptions {
  /** One event per DynamoDB request; see {@link RequestEvent}. Off by default. */
  onRequest?: OnRequest
}

// The operations that accept ReturnConsumedCapacity; writes are the ones spending write units.
const MEASURED = /^(Get|Put|Update|Delete)Item$|^Query$|^Scan$|^Batch|^Transact/
const WRITES = /^(Put|Update|Delete|BatchWrite|TransactWrite)/

/**
 * `transport`, reporting each request to `onRequest` (unchanged when there is
 * no hook). `operation` names the entry point in the INVALID_OPTION error.
 */
export function withRequestEvents(
  transport: Transport,
  table: string,
  onRequest: OnRequest | undefined,
  operation: string,
): Transport {
  if (onRequest === undefined) return transport
  if (typeof onRequest !== "function") {
    throw new DynamoAuthError({
      code: "INVALID_OPTION",
      operation,
      message: "option onRequest must be a function",
    })
  }
  const report = (event: RequestEvent) => {
    try {
      // Not awaited; a rejection is dropped, as a throw is.
      Promise.resolve(onRequest(event)).catch(() => {})
    } catch {}
  }
  return {
    async send(op, input, options) {
      let attempts = 0
      let throttled = 0
      const started = performance.now()
      const event = () => ({
        operation: op,
        table,
        durationMs: performance.now() - started,
        attempts: Math.max(attempts, 1), // a transport of the user's own may not report attempts
        throttled,
      })
      try {
        const output = await transport.send(
          op,
          MEASURED.test(op) ? { ReturnConsumedCapacity: "TOTAL", ...input } : input,
          {
            ...options,
            onAttempt(outcome) {
              attempts++
              if (outcome.throttled) throttled++
              options?.onAttempt?.(outcome)
            },
          },
        )
        const consumedCapacity = capacityOf(op, output.ConsumedCapacity)
        report(consumedCapacity ? { ...event(), consumedCapacity } : event())
        return output
      } catch (error) {
        report({ ...event(), error: classifyFailure(error).code })
        throw error
      }
    },
  }
}

/** Read and write units from a response's ConsumedCapacity (one object, or one per table). */
export function capacityOf(
  operation: DynamoDBOperation,
  consumed: DynamoDBBody | DynamoDBBody[] | undefined,
) {
  if (!consumed) return undefined
  let readUnits = 0
  let writeUnits = 0
  for (const c of [consumed].flat()) {
    const total = Number(c.CapacityUnits ?? 0)
    if (c.ReadCapacityUnits !== undefined || c.WriteCapacityUnits !== undefined) {
      readUnits += Number(c.ReadCapacityUnits ?? 0)
      writeUnits += Number(c.WriteCapacityUnits ?? 0)
    } else if (WRITES.test(operation)) writeUnits += total
    else readUnits += total
  }
  return { readUnits, writeUnits }
}
