/**
 * Capacity units per flow: dynamoauth's adapters report them through their own `onRequest`; the
 * official adapter, which has no hook, through an AWS SDK middleware on its client that asks for
 * and reads the same `ConsumedCapacity`.
 */

import { DynamoDBAdapter as OfficialAdapter } from "@auth/dynamodb-adapter"
import { DynamoDB } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { DynamoDBAdapter as NodeAdapter, type RequestEvent } from "@dynamoauth/adapter-node"
import type { FullAdapter, Target } from "./targets.js"

export interface Capacity {
  read: number
  write: number
}

export interface CapacityMeter {
  onRequest(event: RequestEvent): void
  reset(): void
  total(): Capacity
}

export function capacityMeter(): CapacityMeter {
  let sum: Capacity = { read: 0, write: 0 }
  return {
    onRequest(event) {
      sum.read += event.consumedCapacity?.readUnits ?? 0
      sum.write += event.consumedCapacity?.writeUnits ?? 0
    },
    reset: () => {
      sum = { read: 0, write: 0 }
    },
    total: () => ({ ...sum }),
  }
}

/** "1 RCU + 4 WCU". */
export const capacityCell = (c: Capacity) => `${round(c.read)} RCU + ${round(c.write)} WCU`
const round = (n: number) => String(Math.round(n * 10) / 10)

const REGION = "us-east-1"
const CREDENTIALS = { accessKeyId: "bench", secretAccessKey: "bench-secret-key" }
const WRITES = /^(Put|Update|Delete|BatchWrite|TransactWrite)/

/** A node adapter reporting to a meter, and the official adapter on a client that does the same. */
export function meteredTargets(endpoint: string, tableName: string) {
  const ours = capacityMeter()
  const official = capacityMeter()
  const client = (
    dynamodb = new DynamoDB({ endpoint, region: REGION, credentials: CREDENTIALS }),
  ) =>
    DynamoDBDocument.from(dynamodb, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
    })
  const nodeClient = client()
  const officialDynamoDB = new DynamoDB({ endpoint, region: REGION, credentials: CREDENTIALS })
  const officialClient = client(officialDynamoDB)
  officialDynamoDB.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>
      input.ReturnConsumedCapacity = "TOTAL"
      const result = await next(args)
      const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity
      const command = context.commandName ?? ""
      for (const c of [consumed ?? []].flat() as { CapacityUnits?: number }[]) {
        const units = c.CapacityUnits ?? 0
        official.onRequest({
          operation: command.replace(/Command$/, "") as RequestEvent["operation"],
          table: tableName,
          durationMs: 0,
          attempts: 1,
          throttled: 0,
          consumedCapacity: WRITES.test(command)
            ? { readUnits: 0, writeUnits: units }
            : { readUnits: units, writeUnits: 0 },
        })
      }
      return result
    },
    { step: "initialize", name: "benchConsumedCapacity" },
  )
  const target = (name: Target["name"], make: () => FullAdapter): Target => ({ name, make })
  return {
    ours: {
      meter: ours,
      target: target(
        "node",
        () => NodeAdapter(nodeClient, { tableName, onRequest: ours.onRequest }) as FullAdapter,
      ),
    },
    official: {
      meter: official,
      target: target(
        "official",
        () => OfficialAdapter(officialClient, { tableName }) as FullAdapter,
      ),
    },
  }
}
