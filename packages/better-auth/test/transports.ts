/** The two transports every Node test here runs on, pointed at the run's DynamoDB Local. */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { createNodeTransport } from "@dynamoauth/adapter-node"
import type { Transport } from "@dynamoauth/core"
import { CREDENTIALS, edgeTransport } from "./edge.js"

export { freshTable } from "./edge.js"

const ALL: [string, (endpoint: string) => Transport][] = [
  [
    "node (AWS SDK)",
    (endpoint) =>
      createNodeTransport(
        new DynamoDBClient({ endpoint, region: "us-east-1", credentials: CREDENTIALS }),
      ),
  ],
  ["edge (aws4fetch)", edgeTransport],
]

/**
 * Both, unless DYNAMOAUTH_TRANSPORTS names some (labels, comma-separated): the consumer app of
 * packages/better-auth-versions that runs these tests on better-auth 1.7.5 asks for the AWS SDK
 * only, as its README explains. A name that matches no transport is an error, not an empty run.
 */
export const TRANSPORTS = selected(process.env.DYNAMOAUTH_TRANSPORTS)

function selected(names: string | undefined): typeof ALL {
  if (!names) return ALL
  return names.split(",").map((name) => {
    const found = ALL.find(([label]) => label === name)
    if (!found) throw new Error(`DYNAMOAUTH_TRANSPORTS: no transport "${name}"`)
    return found
  })
}
