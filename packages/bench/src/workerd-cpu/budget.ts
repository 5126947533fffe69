/**
 * CPU budget inside workerd (this package's `budget`, run alone by the test command): a warm
 * session check through the edge adapter may cost at most LIMIT times the floor, a bare
 * aws4fetch-signed GetItem, both measured in workerd in the same run. Exits 1 above it.
 *
 * The statistic: the median of per-round ratios (each round one batch of each, the two taking
 * turns first, so drift of the machine cancels out of every ratio), with a distribution-free 95%
 * interval. Rounds go on until the interval lies on one side of the limit, so a run close to it
 * measures longer instead of deciding by luck. It fails only when the whole interval is above the
 * limit: a regression shown beyond the run-to-run noise (20 runs of one tree gave medians
 * 1.13–1.24×), not a median that noise put a hair over it.
 * `--json` prints the result as one JSON line (scripts/budget-repeat.mjs reads it).
 * DYNAMOAUTH_DYNAMODB_ENDPOINT (see `sharedDynamoDBLocal`) reuses a running DynamoDB Local
 * instead of starting one.
 */
import { createTableInput } from "@dynamoauth/core"
import { sharedDynamoDBLocal, startDynamoDBLocal } from "@dynamoauth/testing/dynamodb-local"
import { rawRequest } from "@dynamoauth/testing/raw-request"
import { median, medianInterval, quantile } from "../stats.js"
import { measureWorkerdCpu } from "./measure.js"

/**
 * Ceiling on the warm check's cost over the floor; the goal is 1.1×. The check makes the same
 * single request as the floor, so what it adds is the adapter's own work: one more request, or
 * uncached signing, lands far above it.
 */
const LIMIT = 1.25
/** Rounds counted at least, and at most while the interval still holds the limit. */
const MIN_ROUNDS = 60
const MAX_ROUNDS = 300
/** Uncounted first rounds: the JIT settles, connections open, DynamoDB Local warms. */
const WARMUP_ROUNDS = 10
/** Calls per batch, cycling through DISTINCT set-up ones (both cases are reads). */
const CALLS_PER_BATCH = 20
const DISTINCT = 10

const json = process.argv.includes("--json")
const db = sharedDynamoDBLocal() ?? (await startDynamoDBLocal())

/** The warm check's per-round ratios to the floor. */
const ratiosOf = ([warm, floor]: readonly number[][]) => warm!.map((w, i) => w / floor![i]!)
const decided = (ratios: number[]) => {
  const { low, high } = medianInterval(ratios)
  return high <= LIMIT || low > LIMIT
}

let result: Record<string, unknown>
try {
  const tableName = `cpu-budget-${crypto.randomUUID().slice(0, 8)}`
  await rawRequest(db.endpoint, "CreateTable", createTableInput({ tableName }))
  const [warm, floor] = await measureWorkerdCpu({
    endpoint: db.endpoint,
    tableName,
    cases: [
      { target: "edge", op: "getSessionAndUser (warm)" },
      { target: "floor", op: "GetItem" },
    ],
    rounds: MIN_ROUNDS,
    maxRounds: MAX_ROUNDS,
    until: (samples) => decided(ratiosOf(samples)),
    warmupRounds: WARMUP_ROUNDS,
    callsPerBatch: CALLS_PER_BATCH,
    reuse: DISTINCT,
  })
  const ratios = ratiosOf([warm!.samples, floor!.samples])
  const ratio = median(ratios)
  const interval = medianInterval(ratios)
  result = {
    ratio,
    low: interval.low,
    high: interval.high,
    // The middle half of the rounds: how much one round says, beside what all of them say.
    q1: quantile(ratios, 0.25),
    q3: quantile(ratios, 0.75),
    rounds: ratios.length,
    warmMicros: warm!.medianMicros,
    floorMicros: floor!.medianMicros,
    limit: LIMIT,
    decidedBy: decided(ratios)
      ? "interval"
      : "interval, still holding the limit after the last round",
    pass: interval.low <= LIMIT,
  }
} finally {
  await db.stop()
}

const x = (n: unknown) => `${(n as number).toFixed(2)}×`
if (json) {
  console.log(JSON.stringify(result))
} else {
  console.log(
    `workerd CPU per call: warm session check ${(result.warmMicros as number).toFixed(0)} µs, bare signed GetItem ${(result.floorMicros as number).toFixed(0)} µs`,
  )
  console.log(
    `ratio ${x(result.ratio)}, 95% interval ${x(result.low)}–${x(result.high)} (median of ${result.rounds} per-round ratios of ${CALLS_PER_BATCH} calls each; middle half of the rounds ${x(result.q1)}–${x(result.q3)}); limit ${LIMIT}×, decided by the ${result.decidedBy}: ${result.pass ? "pass" : "FAIL"}`,
  )
}
if (!result.pass) {
  console.error(
    `workerd CPU budget exceeded: a warm session check costs ${x(result.ratio)} the bare signed GetItem (> ${LIMIT}×)`,
  )
  process.exit(1)
}
