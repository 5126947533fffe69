import { DynamoDBAdapter } from "@dynamoauth/adapter-edge"
import { readDynamoConfig } from "./dynamo-config"

/** The Auth.js adapter for edge runtimes: signed `fetch` (aws4fetch), no AWS SDK. */
export function edgeAdapter() {
  const { tableName, ...connection } = readDynamoConfig()
  return DynamoDBAdapter(connection, { tableName })
}
