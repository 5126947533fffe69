/**
 * Lists a user's sessions and linked accounts for the account page. The Auth.js adapter
 * interface has no "list" methods for these, so the page reads the user's item collection
 * (the user's partition, the layout both adapters share) with one paginated Query. Key names
 * and values come from core's key module, so custom key names work here too.
 */
import { createKeys, ITEM_TYPE, resolveTableOptions } from "@dynamoauth/core"
import type { AdapterAccount, AdapterSession } from "next-auth/adapters"
import { nodeTable } from "./node-client"

/** Item types that are not accounts (an account's `type` is its provider type). */
const NOT_ACCOUNTS: ReadonlySet<string> = new Set(Object.values(ITEM_TYPE))

export interface UserItems {
  sessions: AdapterSession[]
  accounts: AdapterAccount[]
}

export async function listUserItems(userId: string): Promise<UserItems> {
  const { client, tableName } = nodeTable()
  const keys = createKeys(resolveTableOptions({ tableName }))
  const sessions: AdapterSession[] = []
  const accounts: AdapterAccount[] = []
  let startKey: Record<string, unknown> | undefined
  do {
    const page = await client.query({
      TableName: tableName,
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": keys.partitionKey },
      ExpressionAttributeValues: { ":pk": keys.userPartition(userId) },
      ExclusiveStartKey: startKey,
    })
    for (const item of page.Items ?? []) {
      const type = String(item.type)
      if (type === ITEM_TYPE.session) {
        sessions.push({
          sessionToken: String(item.sessionToken),
          userId: String(item.userId),
          expires: toDate(item.expires),
        })
      } else if (!NOT_ACCOUNTS.has(type)) {
        const account = { ...item }
        for (const name of keys.attributeNames) delete account[name]
        accounts.push(account as AdapterAccount)
      }
    }
    startKey = page.LastEvaluatedKey
  } while (startKey)
  const now = Date.now()
  // TTL deletes expired items lazily (up to days later), so hide the ones already over.
  const active = sessions
    .filter((s) => s.expires.getTime() > now)
    .sort((a, b) => a.expires.getTime() - b.expires.getTime())
  return { sessions: active, accounts }
}

// Sessions store `expires` as epoch seconds (for DynamoDB TTL); accept an ISO string too.
function toDate(value: unknown): Date {
  return typeof value === "number" ? new Date(value * 1000) : new Date(String(value))
}
