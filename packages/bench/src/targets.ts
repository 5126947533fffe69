/**
 * The three adapters under test, each pointed at one endpoint (the proxy or
 * DynamoDB Local). `make()` returns a fresh adapter instance on a client
 * shared per target, so a "cold" instance has new adapter memory but a warm
 * connection, as a new request on a running server or a reused Lambda would.
 */
import type { Adapter } from "@auth/core/adapters"
import { DynamoDBAdapter as OfficialAdapter } from "@auth/dynamodb-adapter"
import { DynamoDB } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { DynamoDBAdapter as EdgeAdapter } from "@dynamoauth/adapter-edge"
import { DynamoDBAdapter as NodeAdapter } from "@dynamoauth/adapter-node"
import type { TargetName } from "./results.js"

export type FullAdapter = Required<Adapter>

export interface Target {
  name: TargetName
  make(): FullAdapter
}

/** DynamoDB Local checks neither; not a secret. */
const REGION = "us-east-1"
const CREDENTIALS = { accessKeyId: "bench", secretAccessKey: "bench-secret-key" }

/** As the official adapter's docs build it. */
function documentClient(endpoint: string) {
  return DynamoDBDocument.from(
    new DynamoDB({ endpoint, region: REGION, credentials: CREDENTIALS }),
    {
      marshallOptions: {
        convertEmptyValues: true,
        removeUndefinedValues: true,
        convertClassInstanceToMap: true,
      },
    },
  )
}

export function createTargets(endpoint: string, tableName: string): Target[] {
  const officialClient = documentClient(endpoint)
  const nodeClient = documentClient(endpoint)
  return [
    { name: "official", make: () => OfficialAdapter(officialClient, { tableName }) as FullAdapter },
    { name: "node", make: () => NodeAdapter(nodeClient, { tableName }) as FullAdapter },
    {
      name: "edge",
      make: () =>
        EdgeAdapter(
          { region: REGION, endpoint, credentials: CREDENTIALS },
          { tableName },
        ) as FullAdapter,
    },
  ]
}
