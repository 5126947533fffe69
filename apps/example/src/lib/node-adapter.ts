import { type Adapter, DynamoDBAdapter } from "@dynamoauth/adapter-node"
import { nodeTable } from "./node-client"

let adapter: Adapter | undefined

/** The Auth.js adapter for the Node runtime (AWS SDK v3 underneath), made on first use. */
export function nodeAdapter(): Adapter {
  if (!adapter) {
    const { client, tableName } = nodeTable()
    adapter = DynamoDBAdapter(client, { tableName })
  }
  return adapter
}
