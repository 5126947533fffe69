/**
 * Sessions: `expires` from an ISO string (v3, 1.0.0, 1.0.1) to epoch seconds,
 * otherwise TTL never deletes them. v3's second random `accessToken` is kept
 * unless `dropLegacy` is set.
 */
import { afterPrefix, KEY_PREFIX } from "@dynamoauth/core/internal"
import { isAbsent, stringOf } from "../../attributes.js"
import { dropLegacy, problem, read, set } from "./draft.js"
import { epochSecondsValue, parseIsoMillis } from "./expires.js"
import { ITEM_TYPE, setMarker } from "./markers.js"
import type { Draft, KindTransform } from "./types.js"

export const SESSION_LEGACY_ATTRIBUTES = ["accessToken", "createdAt", "updatedAt"] as const

export const transformSession: KindTransform = (draft, { keys, dropLegacy: drop }) => {
  setMarker(draft, ITEM_TYPE.session, "session.type")
  convertExpires(draft, "session")

  const fromKey = afterPrefix(stringOf(read(draft, keys.sortKey)) ?? "", KEY_PREFIX.session) ?? ""
  const token = stringOf(read(draft, "sessionToken"))
  if (token === undefined) set(draft, "sessionToken", { S: fromKey }, "session.sessionToken")
  const index = keys.sessionIndex(token ?? fromKey)
  set(draft, keys.indexPartitionKey, { S: index[keys.indexPartitionKey]! }, "session.index-keys")
  set(draft, keys.indexSortKey, { S: index[keys.indexSortKey]! }, "session.index-keys")
  if (!stringOf(read(draft, "userId"))) problem(draft, "session.no-userId")

  if (drop) dropLegacy(draft, "session", SESSION_LEGACY_ATTRIBUTES)
}

/** ISO `expires` → epoch seconds; a missing or unreadable one is reported, never guessed. */
export function convertExpires(draft: Draft, kindName: string): void {
  const expires = read(draft, "expires")
  if (isAbsent(expires)) {
    problem(draft, `${kindName}.no-expires`)
    return
  }
  if (expires && "S" in expires) {
    const millis = parseIsoMillis(expires.S)
    if (millis === undefined) problem(draft, `${kindName}.unreadable-expires`)
    else set(draft, "expires", epochSecondsValue(millis), `${kindName}.expires`)
  } else if (!(expires && "N" in expires)) {
    problem(draft, `${kindName}.unreadable-expires`)
  }
}
