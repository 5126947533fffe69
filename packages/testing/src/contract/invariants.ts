/**
 * Checks a raw table for partial state: every guarded item has its claim and
 * every claim its item, every session its user. Session pointers are hints
 * that may outlive their session, so they are not checked.
 */
import { type AttributeMap, createKeys, ITEM_TYPE } from "@dynamoauth/core"
import { unmarshallItem } from "@dynamoauth/core/internal"
import { type Layout, scanAll } from "./tables.js"

export async function findPartialState(layout: Layout, transport: Parameters<typeof scanAll>[0]) {
  const { partitionKey: pk, sortKey: sk } = layout.options
  const keys = createKeys(layout.options)
  const items = (await scanAll(transport, layout.options.tableName)).map((i) =>
    unmarshallItem(i as AttributeMap),
  )
  const byKey = new Map(items.map((item) => [`${item[pk]}|${item[sk]}`, item]))
  const at = (p: string, s = p) => byKey.get(`${p}|${s}`)
  const problems: string[] = []

  for (const item of items) {
    const sort = String(item[sk])
    const user = item.type === ITEM_TYPE.user || item.type === ITEM_TYPE.userLeaving
    if (user && typeof item.email === "string") {
      if (at(`EMAIL#${item.email}`)?.userId !== item.id)
        problems.push(`user ${item.id} has no email claim`)
    } else if (item.type === ITEM_TYPE.emailClaim) {
      const user = at(`USER#${item.userId}`)
      if (user?.email !== String(item[pk]).slice("EMAIL#".length))
        problems.push(`stale email claim ${item[pk]}`)
    } else if (item.type === ITEM_TYPE.session) {
      if (!at(`USER#${item.userId}`)) problems.push(`session of missing user ${item.userId}`)
    } else if (item.type === ITEM_TYPE.accountClaim) {
      const owned = items.some(
        (account) =>
          account[pk] === `USER#${item.userId}` &&
          keys.accountClaim(String(account.provider), String(account.providerAccountId))[pk] ===
            item[pk],
      )
      if (!owned) problems.push(`stale account claim ${item[pk]}`)
    } else if (item.type === ITEM_TYPE.credentialClaim) {
      if (!at(`USER#${item.userId}`, String(item[pk])))
        problems.push(`stale credential claim ${item[pk]}`)
    } else if (item.type === ITEM_TYPE.authenticator) {
      if (at(`AUTHENTICATOR#${item.credentialID}`)?.userId !== item.userId)
        problems.push(`authenticator ${sort} has no claim`)
    } else if (sort.startsWith("ACCOUNT#") && String(item[pk]).startsWith("USER#")) {
      const claim = keys.accountClaim(String(item.provider), String(item.providerAccountId))
      if (at(claim[pk]!)?.userId !== item.userId) problems.push(`account ${sort} has no claim`)
    }
  }
  return problems
}
