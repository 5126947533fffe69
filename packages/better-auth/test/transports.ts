/** The two transports every Node test here runs on, pointed at the run's DynamoDB Local. */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { createNodeTransport } from "@dynamoauth/adapter-node"
import type { Transport } from "@dynamoauth/core"
import { CREDENTIALS, edgeTransport } from "./edge.js"

export { freshTable } from "./edge.js"

export const TRANSPORTS: [string, (endpoint: string) => Transport][] = [
  [
    "node (AWS SDK)",
    (endpoint) =>
      createNodeTransport(
        new DynamoDBClient({ endpoint, region: "us-east-1", credentials: CREDENTIALS }),
      ),
  ],
  ["edge (aws4fetch)", edgeTransport],
]
