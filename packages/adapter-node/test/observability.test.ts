/**
 * docs/observability.md's OpenTelemetry wiring, run as written: `onRequest` recording metrics
 * through @opentelemetry/api into the SDK's in-memory exporter, on DynamoDB Local.
 */
import { DynamoDBAdapter, type RequestEvent } from "@dynamoauth/adapter-node"
import { createTable, uniqueName } from "@dynamoauth/testing/contract"
import { newSession, newUser } from "@dynamoauth/testing/fixtures"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { metrics } from "@opentelemetry/api"
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics"
import { afterAll, expect, it } from "vitest"
import { createNodeTransport } from "../src/index.js"
import { documentClient, sdkClient } from "./sdk-client.js"

const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE)
const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 })
metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }))
afterAll(() => reader.shutdown())

// --- as in docs/observability.md ---
const meter = metrics.getMeter("dynamoauth")
const duration = meter.createHistogram("db.client.operation.duration", { unit: "ms" })
const capacity = meter.createCounter("aws.dynamodb.consumed_capacity", { unit: "{unit}" })
const retries = meter.createCounter("aws.dynamodb.retries")

function onRequest(event: RequestEvent) {
  const attributes = {
    "db.system.name": "aws.dynamodb",
    "db.operation.name": event.operation,
    "db.collection.name": event.table,
    ...(event.error ? { "error.type": event.error } : {}),
  }
  duration.record(event.durationMs, attributes)
  if (event.attempts > 1) retries.add(event.attempts - 1, attributes)
  if (event.consumedCapacity) {
    capacity.add(event.consumedCapacity.readUnits, {
      ...attributes,
      "aws.dynamodb.capacity": "read",
    })
    capacity.add(event.consumedCapacity.writeUnits, {
      ...attributes,
      "aws.dynamodb.capacity": "write",
    })
  }
}
// ---

it("records request durations and capacity units per operation", async () => {
  const endpoint = dynamodbEndpoint()
  const table = await createTable(createNodeTransport(sdkClient(endpoint)), {
    tableName: uniqueName("otel"),
  })
  const adapter = DynamoDBAdapter(documentClient(endpoint), { ...table, onRequest })
  const user = await adapter.createUser!(newUser())
  await adapter.createSession!(newSession(user.id))
  await adapter.getUser!(user.id)
  await adapter.getUser!(user.id)

  await reader.forceFlush()
  const exported = exporter.getMetrics().at(-1)!.scopeMetrics[0]!.metrics
  const byName = Object.fromEntries(exported.map((m) => [m.descriptor.name, m.dataPoints]))

  const durations = byName["db.client.operation.duration"] as { attributes: any; value: any }[]
  const getItem = durations.find((p) => p.attributes["db.operation.name"] === "GetItem")!
  expect(getItem.attributes["db.collection.name"]).toBe(table.tableName)
  expect(getItem.value.count).toBe(2)
  expect(getItem.value.sum).toBeGreaterThan(0)

  const units = byName["aws.dynamodb.consumed_capacity"] as { attributes: any; value: number }[]
  const read = units.find(
    (p) =>
      p.attributes["db.operation.name"] === "GetItem" &&
      p.attributes["aws.dynamodb.capacity"] === "read",
  )!
  expect(read.value).toBe(2) // two strongly consistent reads of a small item
  const written = units
    .filter((p) => p.attributes["aws.dynamodb.capacity"] === "write")
    .reduce((total, p) => total + p.value, 0)
  expect(written).toBeGreaterThanOrEqual(3)
})
