/**
 * Interleaving under fast-check's scheduler. Every user action and every DynamoDB request of
 * every instance waits at the gate until the scheduler (drawn from the run's seed) releases it,
 * and the gate releases the next one only when the previous request has answered and everything
 * it set off has settled. So one request is on the wire at a time (each is atomic in DynamoDB
 * anyway) and the order in which instances reach the table is the scheduler's, not the
 * machine's: a seed replays the same interleaving. Timers (retry backoff, the proxy's index lag)
 * still run on the wall clock, which is the one thing a replay cannot pin.
 */
import { setImmediate as nextTurn, setTimeout as sleep } from "node:timers/promises"
import type { Transport } from "@dynamoauth/core"
import type { Scheduler } from "fast-check"

export class Gate {
  private inflight = 0
  private quiet: (() => void) | undefined

  constructor(private readonly scheduler: Scheduler) {}

  /** Waits for the scheduler's turn, then runs `fn` as the one request on the wire. */
  async request<T>(label: string, fn: () => Promise<T>): Promise<T> {
    await this.scheduler.schedule(Promise.resolve(), label)
    this.inflight++
    try {
      return await fn()
    } finally {
      if (--this.inflight === 0) this.quiet?.()
    }
  }

  /** Waits for the scheduler's turn to start a user action. */
  turn(label: string): Promise<void> {
    return this.scheduler.schedule(Promise.resolve(), label)
  }

  /** `transport` with every request passing the gate. */
  transport(inner: Transport, instance: string): Transport {
    return {
      send: (operation, input, options) =>
        this.request(`${instance} ${operation}`, () => inner.send(operation, input, options)),
    }
  }

  /** Releases scheduled work one piece at a time until `work` settles. */
  async drive(work: Promise<unknown>): Promise<void> {
    let settled = false
    const watched = work.then(
      () => {
        settled = true
      },
      () => {
        settled = true
      },
    )
    while (!settled) {
      await this.settle()
      if (settled) break
      if (this.scheduler.count() > 0) await this.scheduler.waitNext(1)
      // Nothing scheduled yet: some instance is waiting on a retry timer.
      else await sleep(1)
    }
    await watched
  }

  /** Until no request is on the wire and what the last answer set off has run. */
  private async settle(): Promise<void> {
    for (;;) {
      await nextTurn()
      if (this.inflight === 0) {
        await nextTurn()
        if (this.inflight === 0) return
      }
      await new Promise<void>((resolve) => {
        this.quiet = resolve
      })
      this.quiet = undefined
    }
  }
}
