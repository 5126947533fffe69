/** Tells what an item is from its primary key, under the configured key names. */
import type { AttributeMap, Keys } from "@dynamoauth/core"
import { stringOf } from "../attributes.js"
import type { ItemKind } from "./types.js"

// Items that are pk = sk and belong to dynamoauth's claims and pointers (docs/architecture.md).
const CLAIM_PREFIXES = ["EMAIL#", "ACCOUNT#", "SESSION#", "AUTHENTICATOR#"]

export function classify(item: AttributeMap, keys: Keys): ItemKind {
  const pk = stringOf(item[keys.partitionKey])
  const sk = stringOf(item[keys.sortKey])
  if (pk === undefined || sk === undefined) return "unknown"
  if (pk.startsWith("USER#")) {
    if (sk === pk) return "user"
    if (sk.startsWith("ACCOUNT#")) return "account"
    if (sk.startsWith("SESSION#")) return "session"
    if (sk.startsWith("AUTHENTICATOR#")) return "authenticator"
    return "unknown"
  }
  if (pk.startsWith("VR#") && sk.startsWith("VR#")) return "verification-request"
  if (pk.startsWith("VT#") && sk.startsWith("VT#")) return "verification-token"
  if (pk === sk && CLAIM_PREFIXES.some((prefix) => pk.startsWith(prefix))) return "claim"
  return "unknown"
}
