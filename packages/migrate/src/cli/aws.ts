/** The AWS SDK v3 client behind the CLI, wrapped by adapter-node's transport. */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { createNodeTransport } from "@dynamoauth/adapter-node"
import type { Transport } from "@dynamoauth/core"
import { type Connection, UsageError } from "./args.js"

export function createTransport(connection: Connection): {
  transport: Transport
  client: DynamoDBClient
  close: () => void
} {
  const client = new DynamoDBClient({
    // One retry layer: the migration's own (../transport/retries.ts, patient and counted in the report).
    maxAttempts: 1,
    ...(connection.region ? { region: connection.region } : {}),
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
  })
  return { transport: createNodeTransport(client), client, close: () => client.destroy() }
}

/**
 * Region and credentials are resolved before the first request, so a missing
 * one is a clear message instead of a request failure retried ten times.
 * The credentials themselves are never printed.
 */
export async function checkAwsConfiguration(client: DynamoDBClient): Promise<void> {
  try {
    await client.config.region()
  } catch {
    throw new UsageError(
      "no AWS region: pass --region or set AWS_REGION (or a region in your AWS profile)",
    )
  }
  try {
    await client.config.credentials()
  } catch {
    throw new UsageError(
      "no AWS credentials found (environment, AWS_PROFILE, SSO or instance role); for DynamoDB Local any values will do",
    )
  }
}
