/** The two transports every test here runs on, pointed at the run's DynamoDB Local. */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { createFetchTransport } from "@dynamoauth/adapter-edge"
import { createNodeTransport } from "@dynamoauth/adapter-node"
import type { Transport } from "@dynamoauth/core"
import { createTable, uniqueName } from "@dynamoauth/testing/contract"

const CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test-secret-key" }

export const TRANSPORTS: [string, (endpoint: string) => Transport][] = [
  [
    "node (AWS SDK)",
    (endpoint) =>
      createNodeTransport(
        new DynamoDBClient({ endpoint, region: "us-east-1", credentials: CREDENTIALS }),
      ),
  ],
  [
    "edge (aws4fetch)",
    (endpoint) => createFetchTransport({ endpoint, region: "us-east-1", credentials: CREDENTIALS }),
  ],
]

/** A fresh table (default key names, or the given ones). */
export async function freshTable(transport: Transport, names: Record<string, string> = {}) {
  return createTable(transport, { ...names, tableName: uniqueName("better-auth") })
}
