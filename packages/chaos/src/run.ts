/**
 * Runs the chaos campaigns of the chosen targets until each has made `ops` calls: histories in
 * rounds of fast-check runs, round k drawing from seed `seed * 1000 + k` (rounds taken in turn
 * by `parallel` workers), so any history is replayed by its round's seed and fast-check's path. Stops a target at its first violation
 * (after shrinking it) when the target is enforced.
 */
import { authjsCampaign } from "./authjs/campaign.js"
import { AUTHJS_TARGETS } from "./authjs/targets.js"
import { BETTER_AUTH_TARGETS, betterAuthCampaign } from "./better-auth/campaign.js"
import { type Campaign, type CampaignResult, runCampaign } from "./campaign.js"
import { merge, newTally, sum, type Tally } from "./tally.js"

/**
 * Invariants whose violations are only reported for Better Auth: none. Its multi-step flows
 * (sign-up: user, account, session; delete-user: sessions, accounts, user) are all or nothing
 * through @dynamoauth/better-auth's transactions, so a half-made sign-up fails the run.
 */
const BETTER_AUTH_REPORTED: ReadonlySet<string> = new Set<string>()

export interface Target {
  name: string
  /** What the report calls it. */
  label: string
  enforced: boolean
  campaign(maxActions: number): Campaign<any>
}

export const TARGETS: Target[] = [
  ...AUTHJS_TARGETS.map((target) => ({
    name: target.name,
    label: {
      "authjs-node": "Auth.js: @dynamoauth/adapter-node (AWS SDK)",
      "authjs-edge": "Auth.js: @dynamoauth/adapter-edge (aws4fetch)",
      "authjs-official": "Auth.js: @auth/dynamodb-adapter 2.11.3 (official, reported only)",
    }[target.name]!,
    enforced: target.enforced,
    campaign: (maxActions: number) => authjsCampaign(target, maxActions),
  })),
  ...BETTER_AUTH_TARGETS.map((target) => ({
    name: target.name,
    label: {
      "better-auth-node": "Better Auth: @dynamoauth/better-auth on the AWS SDK",
      "better-auth-edge": "Better Auth: @dynamoauth/better-auth on aws4fetch",
    }[target.name]!,
    enforced: true,
    campaign: (maxActions: number) => betterAuthCampaign(target, maxActions, BETTER_AUTH_REPORTED),
  })),
]

export interface RunOptions {
  endpoint: string
  seed: number
  ops: number
  maxActions: number
  /** Histories per fast-check round. */
  roundRuns: number
  /**
   * Rounds run at once, each on its own tables and proxies (default 1). A history keeps its own
   * interleaving (its own gate and scheduler), and its requests wait on DynamoDB Local far longer
   * than they compute, so rounds side by side make more calls per second.
   */
  parallel?: number
  /** Replay: the round seed and path a failure printed (one target). */
  replay?: { seed: number; path: string }
  log?(line: string): void
}

export interface TargetResult {
  target: Target
  tally: Tally
  failure?: CampaignResult["failure"]
  /** The command that replays the failure's shortest history. */
  replay?: string
}

export async function runTarget(target: Target, options: RunOptions): Promise<TargetResult> {
  const tally = newTally()
  const campaign = target.campaign(options.maxActions)
  if (options.replay) {
    const result = await runCampaign(campaign, {
      endpoint: options.endpoint,
      seed: options.replay.seed,
      runs: 1,
      path: options.replay.path,
      log: options.log,
    })
    return withReplay({ target, tally: result.tally, failure: result.failure }, options)
  }
  let next = 0
  let failure: CampaignResult["failure"]
  // Each worker runs the next round until the target has its calls (or a round failed).
  const worker = async () => {
    while (!failure && sum(tally.ops) < options.ops) {
      const seed = options.seed * 1000 + next++
      const result = await runCampaign(campaign, {
        endpoint: options.endpoint,
        seed,
        runs: options.roundRuns,
        log: options.log,
      })
      merge(tally, result.tally)
      options.log?.(
        `  ${target.name} seed ${seed}: ${sum(tally.ops)}/${options.ops} ops, ${tally.violations.length} violations, ${Math.round(tally.wallMs / 1000)} s`,
      )
      failure ??= result.failure
    }
  }
  await Promise.all(Array.from({ length: options.parallel ?? 1 }, worker))
  return withReplay({ target, tally, ...(failure ? { failure } : {}) }, options)
}

function withReplay(result: TargetResult, options: RunOptions): TargetResult {
  if (!result.failure) return result
  const { seed, path } = result.failure
  const replay = `pnpm chaos --target ${result.target.name} --actions ${options.maxActions} --replay ${seed}:${path}`
  return { ...result, replay }
}
