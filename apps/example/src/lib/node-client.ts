import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { type DynamoConfig, readDynamoConfig } from "./dynamo-config"

let cached: { config: DynamoConfig; client: DynamoDBDocument } | undefined

/**
 * One Document client per server process (the SDK pools connections), made on first use
 * rather than at import: `next build` imports every route without any AWS settings.
 */
export function nodeTable(): { tableName: string; client: DynamoDBDocument } {
  if (!cached) {
    const config = readDynamoConfig()
    const client = DynamoDBDocument.from(
      new DynamoDBClient({
        region: config.region,
        credentials: config.credentials,
        ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      }),
      { marshallOptions: { removeUndefinedValues: true, convertEmptyValues: true } },
    )
    cached = { config, client }
  }
  return { tableName: cached.config.tableName, client: cached.client }
}
