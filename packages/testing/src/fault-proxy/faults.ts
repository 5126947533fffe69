import type { ThrottleType } from "./error-bodies.js"
import { seededRandom } from "./prng.js"

/**
 * Per-request fault probabilities. The four outcomes that replace a normal answer are exclusive
 * (one draw decides), so their rates must add up to at most 1. A delay is drawn separately and
 * comes on top of any outcome.
 */
export interface FaultOptions {
  /** Answer HTTP 400 with a throttling `__type`, without forwarding. Default 0. */
  throttleRate?: number
  /** Which throttling error to send. Default "ProvisionedThroughputExceededException". */
  throttleType?: ThrottleType
  /** Answer HTTP 500 InternalFailure, without forwarding. Default 0. */
  serverErrorRate?: number
  /** Reset the client's connection without forwarding: the request never happened. Default 0. */
  resetRate?: number
  /**
   * Forward the request (it takes effect in DynamoDB), then reset the client's connection so the
   * answer is lost: the client cannot tell whether its write happened. Default 0.
   */
  resetAfterForwardRate?: number
  /**
   * For BatchWriteItem and BatchGetItem: forward only the first half (rounded
   * up) of the items and answer the rest as unprocessed, as DynamoDB does under
   * load. Other operations are forwarded unchanged. Default 0.
   */
  unprocessedRate?: number
  /** Wait this long before handling a request (e.g. to trip client timeouts). Default 0. */
  delayMs?: number
  /** Probability that a request gets `delayMs`. Default 1 when `delayMs` is set. */
  delayRate?: number
  /** Only requests for these operations (e.g. ["TransactWriteItems"]) get faults. Default: all. */
  operations?: readonly string[]
  /** After this many faults (of the exclusive kinds) every request is forwarded. Default: no limit. */
  maxFaults?: number
}

export type FaultKind =
  | "throttle"
  | "serverError"
  | "reset"
  | "resetAfterForward"
  | "unprocessed"
  | "delay"

export type FaultAction = "forward" | Exclude<FaultKind, "delay">

export interface FaultDecision {
  action: FaultAction
  delayMs: number
}

const NO_FAULT: FaultDecision = { action: "forward", delayMs: 0 }

const RATE_NAMES = [
  "throttleRate",
  "serverErrorRate",
  "resetRate",
  "resetAfterForwardRate",
  "unprocessedRate",
  "delayRate",
] as const

/** Draws faults from a seeded generator, so a given seed and request order always fault alike. */
export class FaultPlan {
  private options: FaultOptions = {}
  private faults = 0
  private random: () => number

  constructor(seed: number) {
    this.random = seededRandom(seed)
  }

  set(options: FaultOptions): void {
    for (const name of RATE_NAMES) {
      const rate = options[name]
      if (rate !== undefined && !(rate >= 0 && rate <= 1)) {
        throw new RangeError(`setFaults: ${name} must be between 0 and 1, got ${rate}`)
      }
    }
    const exclusive =
      (options.throttleRate ?? 0) +
      (options.serverErrorRate ?? 0) +
      (options.resetRate ?? 0) +
      (options.resetAfterForwardRate ?? 0) +
      (options.unprocessedRate ?? 0)
    if (exclusive > 1) {
      throw new RangeError(
        `setFaults: throttle, server error, reset and reset-after-forward rates add up to ${exclusive}, more than 1`,
      )
    }
    if (options.delayMs !== undefined && !(options.delayMs >= 0)) {
      throw new RangeError(`setFaults: delayMs must be >= 0, got ${options.delayMs}`)
    }
    this.options = { ...options }
    this.faults = 0
  }

  clear(): void {
    this.options = {}
  }

  get throttleType(): ThrottleType {
    return this.options.throttleType ?? "ProvisionedThroughputExceededException"
  }

  decide(operation: string): FaultDecision {
    const o = this.options
    if (o.operations && !o.operations.includes(operation)) return NO_FAULT
    const delayMs = o.delayMs ?? 0
    let delayed = 0
    if (delayMs > 0 && this.random() < (o.delayRate ?? 1)) delayed = delayMs

    const thresholds: [FaultAction, number][] = [
      ["throttle", o.throttleRate ?? 0],
      ["serverError", o.serverErrorRate ?? 0],
      ["reset", o.resetRate ?? 0],
      ["resetAfterForward", o.resetAfterForwardRate ?? 0],
      ["unprocessed", o.unprocessedRate ?? 0],
    ]
    if (thresholds.every(([, rate]) => rate === 0)) return { action: "forward", delayMs: delayed }
    if (this.faults >= (o.maxFaults ?? Number.POSITIVE_INFINITY)) {
      return { action: "forward", delayMs: delayed }
    }
    let r = this.random()
    for (const [action, rate] of thresholds) {
      if (r < rate) {
        this.faults++
        return { action, delayMs: delayed }
      }
      r -= rate
    }
    return { action: "forward", delayMs: delayed }
  }
}
