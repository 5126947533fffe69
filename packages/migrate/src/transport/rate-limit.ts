/**
 * A token bucket over requests and write units per second, so a migration can
 * run beside a live app without eating its provisioned capacity. One bucket
 * is shared by every segment worker of a process; several machines running
 * different segments should each get their share of the table's capacity.
 */

export interface RateLimit {
  /** Requests per second across all operations. @default unlimited */
  requestsPerSecond?: number
  /** Write capacity units per second (estimated from item sizes). @default unlimited */
  writeUnitsPerSecond?: number
}

export class RateLimiter {
  private requests: Bucket | undefined
  private writeUnits: Bucket | undefined

  constructor(limit: RateLimit = {}) {
    if (limit.requestsPerSecond) this.requests = new Bucket(limit.requestsPerSecond)
    if (limit.writeUnitsPerSecond) this.writeUnits = new Bucket(limit.writeUnitsPerSecond)
  }

  /** Waits until one request costing `writeUnits` may be sent. */
  async acquire(writeUnits = 0): Promise<void> {
    await this.requests?.take(1)
    if (writeUnits > 0) await this.writeUnits?.take(writeUnits)
  }

  /** Write units spent beyond what was acquired: later requests wait for them. */
  charge(writeUnits: number): void {
    if (writeUnits > 0) this.writeUnits?.charge(writeUnits)
  }
}

class Bucket {
  private tokens: number
  private last = performance.now()
  private queue: Promise<void> = Promise.resolve()

  constructor(private readonly perSecond: number) {
    // A one-second burst at most; a fresh bucket starts full.
    this.tokens = perSecond
  }

  take(amount: number): Promise<void> {
    // Requests queue in order; a request bigger than a second's worth may borrow (go negative).
    const turn = this.queue.then(() => this.wait(amount))
    this.queue = turn
    return turn
  }

  charge(amount: number): void {
    this.refill()
    this.tokens -= amount
  }

  private refill(): void {
    const now = performance.now()
    this.tokens = Math.min(
      this.perSecond,
      this.tokens + ((now - this.last) / 1000) * this.perSecond,
    )
    this.last = now
  }

  private async wait(amount: number): Promise<void> {
    for (;;) {
      this.refill()
      if (this.tokens >= Math.min(amount, this.perSecond)) {
        this.tokens -= amount
        return
      }
      const missing = Math.min(amount, this.perSecond) - this.tokens
      await new Promise((resolve) =>
        setTimeout(resolve, Math.ceil((missing / this.perSecond) * 1000)),
      )
    }
  }
}
