/**
 * Lists a user's sessions and linked accounts for the account page. The Auth.js adapter
 * interface has no "list" methods for these, so the page reads the user's item collection
 * (partition `USER#<id>`, the layout both adapters share) with one paginated Query.
 */
import type { AdapterAccount, AdapterSession } from "next-auth/adapters"
import { nodeTable } from "./node-client"

export interface UserItems {
  sessions: AdapterSession[]
  accounts: AdapterAccount[]
}

export async function listUserItems(userId: string): Promise<UserItems> {
  const { client, tableName } = nodeTable()
  const sessions: AdapterSession[] = []
  const accounts: AdapterAccount[] = []
  let startKey: Record<string, unknown> | undefined
  do {
    const page = await client.query({
      TableName: tableName,
      KeyConditionExpression: "#pk = :pk",
      ExpressionAttributeNames: { "#pk": "pk" },
      ExpressionAttributeValues: { ":pk": `USER#${userId}` },
      ExclusiveStartKey: startKey,
    })
    for (const item of page.Items ?? []) {
      const sk = String(item.sk)
      if (sk.startsWith("SESSION#")) {
        sessions.push({
          sessionToken: String(item.sessionToken),
          userId: String(item.userId),
          expires: toDate(item.expires),
        })
      } else if (sk.startsWith("ACCOUNT#")) {
        accounts.push(item as unknown as AdapterAccount)
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
