/**
 * One adapter and transport under chaos: fast-check draws histories (with their fault seed and
 * index lag) and a scheduler; each history runs on a fresh table through eight fault proxies,
 * one per instance, and is judged as it runs and from the table at its end. A violation of an
 * enforced target fails the property, so fast-check shrinks it to the shortest history it can
 * find; the official adapter's are counted and the run goes on.
 */
import { type FaultProxy, startFaultProxy } from "@dynamoauth/testing/fault-proxy"
import fc from "fast-check"
import { type Conditions, conditionsArbitrary, INSTANCES } from "./authjs/history.js"
import { Gate } from "./gate.js"
import { directTransport, tableSupply } from "./table.js"
import { add, merge, newTally, type Tally, type Violation } from "./tally.js"

/** Per request: throttling, 5xx, resets before and after the write applied, partial batches. */
export const FAULTS = {
  throttleRate: 0.02,
  serverErrorRate: 0.02,
  resetRate: 0.02,
  resetAfterForwardRate: 0.02,
  unprocessedRate: 0.04,
}

export interface PlayContext<A> {
  history: A[]
  gate: Gate
  proxies: FaultProxy[]
  endpoint: string
  tableName: string
  tally: Tally
}

export interface Campaign<A> {
  name: string
  enforced: boolean
  /** Invariants whose violations are counted apart and do not fail the run. */
  reported?: ReadonlySet<string>
  history: fc.Arbitrary<A[]>
  /** Runs the history on the table and judges it (checks and violations go to ctx.tally). */
  play(ctx: PlayContext<A>): Promise<void>
  /** One line per action, for the printed history. */
  describe(action: A): string
}

export interface CampaignOptions {
  endpoint: string
  seed: number
  runs: number
  /** Replays one history (fast-check's counterexample path) instead of drawing new ones. */
  path?: string
  /** Called after each history with its own tally (for progress). */
  progress?(done: number, tally: Tally): void
  /** Shrinking stops looking for a shorter history after this long. Default 3 minutes. */
  shrinkBudgetMs?: number
  log?(line: string): void
}

export interface CampaignResult {
  tally: Tally
  /** Set when an enforced target broke an invariant: what to print. */
  failure?: {
    seed: number
    path: string
    violations: Violation[]
    history: string[]
    conditions: Conditions
  }
}

export async function runCampaign<A>(
  campaign: Campaign<A>,
  options: CampaignOptions,
): Promise<CampaignResult> {
  const tally = newTally()
  const tables = tableSupply(directTransport(options.endpoint), `chaos-${campaign.name}`)
  let shrinking = false
  let shrinkDeadline = Number.POSITIVE_INFINITY
  let last: Violation[] = []
  let done = 0

  const property = fc.asyncProperty(
    conditionsArbitrary,
    campaign.history,
    fc.scheduler(),
    async (conditions, history, scheduler) => {
      // Out of shrinking time: every further candidate passes unrun, so the shortest failing
      // history found so far is the one fast-check reports.
      if (shrinking && performance.now() > shrinkDeadline) return
      const runTally = newTally()
      const started = performance.now()
      const tableName = await tables.take()
      const proxies = await Promise.all(
        Array.from({ length: INSTANCES }, (_, i) =>
          startFaultProxy({ target: options.endpoint, seed: conditions.faultSeed + i }),
        ),
      )
      try {
        for (const proxy of proxies) {
          proxy.setFaults(FAULTS)
          proxy.setIndexLag(conditions.indexLagMs)
        }
        await campaign.play({
          history,
          gate: new Gate(scheduler),
          proxies,
          endpoint: options.endpoint,
          tableName,
          tally: runTally,
        })
        for (const proxy of proxies) {
          for (const [kind, n] of Object.entries(proxy.injected())) add(runTally.faults, kind, n)
        }
        if (campaign.reported) {
          const all = runTally.violations
          runTally.violations = all.filter((v) => !campaign.reported!.has(v.invariant))
          runTally.reported = all.filter((v) => campaign.reported!.has(v.invariant))
        }
      } finally {
        await Promise.all(proxies.map((proxy) => proxy.close()))
        tables.drop(tableName)
      }
      runTally.runs = 1
      runTally.wallMs = performance.now() - started
      if (!shrinking) {
        merge(tally, runTally)
        options.progress?.(++done, runTally)
      }
      if (campaign.enforced && runTally.violations.length > 0) {
        if (!shrinking) shrinkDeadline = performance.now() + (options.shrinkBudgetMs ?? 180_000)
        shrinking = true
        last = runTally.violations
        options.log?.(
          `  ${campaign.name}: violation in a history of ${history.length} actions; shrinking`,
        )
        throw new Error(runTally.violations.map((v) => `${v.invariant}: ${v.detail}`).join("\n"))
      }
    },
  )

  const details = await fc
    .check(property, {
      seed: options.seed,
      numRuns: options.runs,
      ...(options.path ? { path: options.path, endOnFailure: false } : {}),
    })
    .finally(() => tables.close())
  if (!details.failed || !details.counterexample) return { tally }
  const [conditions, history] = details.counterexample
  return {
    tally,
    failure: {
      seed: details.seed,
      path: details.counterexamplePath ?? "",
      violations: last,
      history: history.map((a) => campaign.describe(a)),
      conditions,
    },
  }
}
