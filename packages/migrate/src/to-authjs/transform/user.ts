/**
 * Users keep their shape; only the index keys change: the layout indexes a
 * user under `USER#<email>` only when there is an email, while the legacy
 * adapters wrote `USER#null` / `USER#undefined` for users without one (which
 * `getUserByEmail("null")` would then find).
 */
import { stringOf } from "../../attributes.js"
import { dropLegacy, read, remove, set } from "./draft.js"
import { ITEM_TYPE, setMarker } from "./markers.js"
import type { KindTransform } from "./types.js"

export const USER_LEGACY_ATTRIBUTES = ["createdAt", "updatedAt", "username"] as const

export const transformUser: KindTransform = (draft, { keys, dropLegacy: drop }) => {
  setMarker(draft, ITEM_TYPE.user, "user.type")
  const email = stringOf(read(draft, "email"))
  if (email) {
    const index = keys.userIndex(email)
    set(draft, keys.indexPartitionKey, { S: index[keys.indexPartitionKey]! }, "user.index-keys")
    set(draft, keys.indexSortKey, { S: index[keys.indexSortKey]! }, "user.index-keys")
  } else {
    remove(draft, keys.indexPartitionKey, "user.index-keys")
    remove(draft, keys.indexSortKey, "user.index-keys")
  }
  if (drop) dropLegacy(draft, "user", USER_LEGACY_ATTRIBUTES)
}
