/**
 * CPU budget inside workerd (run by this package's `test` script; not a
 * timed test): a warm session check through the edge adapter may cost at
 * most BUDGET times the floor, a bare aws4fetch-signed GetItem, both measured
 * in workerd in the same run, batches taking turns. Exits 1 above it.
 */
import { createTableInput } from "@dynamoauth/core"
import { startDynamoDBLocal } from "@dynamoauth/testing/dynamodb-local"
import { rawRequest } from "@dynamoauth/testing/raw-request"
import { measureWorkerdCpu, roundRatios } from "./measure.js"

/** Ceiling on the warm check's cost over the floor (above it the script fails); the goal is 1.1×. */
const BUDGET = 1.25
const ROUNDS = 21
const CALLS_PER_BATCH = 40

const db = await startDynamoDBLocal()
let ratio: ReturnType<typeof roundRatios>
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
    rounds: ROUNDS,
    callsPerBatch: CALLS_PER_BATCH,
  })
  ratio = roundRatios(warm!, floor!)
  console.log(
    `workerd CPU per call: warm session check ${warm!.medianMicros.toFixed(0)} µs, bare signed GetItem ${floor!.medianMicros.toFixed(0)} µs; ratio ${ratio.median.toFixed(2)}× [${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)}] over ${ROUNDS} rounds (budget ${BUDGET}×)`,
  )
} finally {
  await db.stop()
}
if (ratio.median > BUDGET) {
  console.error(
    `workerd CPU budget exceeded: a warm session check costs ${ratio.median.toFixed(2)}× the bare signed GetItem (> ${BUDGET}×)`,
  )
  process.exit(1)
}
