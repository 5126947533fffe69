/**
 * The bounded chaos run the test command runs: every target on fixed seeds, a few hundred calls
 * each. A violation of dynamoauth's adapters fails with its shortest history and the command
 * that replays it; the official adapter only has to have been run and judged.
 */
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { describe, expect, it } from "vitest"
import { runTarget, TARGETS } from "./run.js"
import { sum } from "./tally.js"

const OPS: Record<string, number> = {
  "authjs-node": 500,
  "authjs-edge": 500,
  "authjs-official": 250,
  // A Better Auth request makes several DynamoDB requests (rate limiter, lookups, writes).
  "better-auth-node": 100,
  "better-auth-edge": 100,
}
const SEED = 7
const MAX_ACTIONS = 40

describe("chaos (bounded)", () => {
  for (const target of TARGETS) {
    it(`${target.name}: ${OPS[target.name]!} calls under faults, every invariant checked`, async () => {
      const ops = OPS[target.name]!
      const result = await runTarget(target, {
        endpoint: dynamodbEndpoint(),
        seed: SEED,
        ops,
        maxActions: MAX_ACTIONS,
        roundRuns: 5,
      })
      const { tally } = result
      // A failure first: a run that stops on one has made fewer calls, and the count alone
      // would hide what went wrong.
      if (target.enforced) {
        const failure = result.failure
        expect(
          failure ? (failure.violations ?? ["the run threw (no violation recorded)"]) : [],
          failure
            ? `shortest history:\n${failure.history.join("\n")}\nreplay: ${result.replay}`
            : "",
        ).toEqual([])
        expect(tally.violations).toEqual([])
      }
      expect(sum(tally.ops)).toBeGreaterThanOrEqual(ops)
      expect(sum(tally.faults)).toBeGreaterThan(0)
      expect(tally.checks).toBeGreaterThan(sum(tally.ops) / 4)
    })
  }
})
