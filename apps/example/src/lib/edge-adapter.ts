import { DynamoDBAdapter } from "@dynamoauth/adapter-edge"
import { readDynamoConfig } from "./dynamo-config"

let adapter: ReturnType<typeof DynamoDBAdapter> | undefined

/**
 * The Auth.js adapter for edge runtimes: signed `fetch` (aws4fetch), no AWS SDK. One per
 * isolate, made on first use (the settings are read at run time, not at build time).
 */
export function edgeAdapter() {
  if (!adapter) {
    const { tableName, ...connection } = readDynamoConfig()
    adapter = DynamoDBAdapter(connection, { tableName })
  }
  return adapter
}
