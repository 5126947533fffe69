/**
 * v3 accounts (0.3–0.4) → the current account shape: v4 field names, the
 * provider type in `type` (v3 kept the marker `ACCOUNT` there) and the index
 * keys the right way round (`ACCOUNT#<provider>` / `ACCOUNT#<providerAccountId>`;
 * v3 had them swapped, which is why `getUserByAccount` cannot see v3 accounts).
 * The old fields stay unless `dropLegacy` is set.
 */
import { isAbsent, stringOf } from "../../attributes.js"
import { copyIfAbsent, dropLegacy, problem, read, set } from "./draft.js"
import { legacyExpiryToMillis } from "./expires.js"
import type { KindTransform } from "./types.js"

const LEGACY_MARKER = "ACCOUNT"

export const ACCOUNT_LEGACY_ATTRIBUTES = [
  "providerId",
  "providerType",
  "accessToken",
  "refreshToken",
  "accessTokenExpires",
  "createdAt",
  "updatedAt",
] as const

export const transformAccount: KindTransform = (draft, { keys, dropLegacy: drop }) => {
  const type = stringOf(read(draft, "type"))
  const providerType = stringOf(read(draft, "providerType"))
  if (type === undefined || type === LEGACY_MARKER) {
    if (providerType) set(draft, "type", { S: providerType }, "account.type")
    else problem(draft, "account.no-type")
  }

  copyIfAbsent(draft, "providerId", "provider", "account.provider")
  copyIfAbsent(draft, "accessToken", "access_token", "account.access_token")
  copyIfAbsent(draft, "refreshToken", "refresh_token", "account.refresh_token")

  const legacyExpiry = read(draft, "accessTokenExpires")
  if (read(draft, "expires_at") === undefined && !isAbsent(legacyExpiry)) {
    const millis = legacyExpiryToMillis(legacyExpiry)
    // Auth.js keeps expires_at as whole epoch seconds (OAuth's expires_in is in seconds).
    if (millis !== undefined)
      set(draft, "expires_at", { N: String(Math.floor(millis / 1000)) }, "account.expires_at")
    else problem(draft, "account.unreadable-accessTokenExpires")
  }

  // GitHub's numeric profile ids reached v3's DocumentClient as numbers; Auth.js expects a string.
  const rawAccountId = read(draft, "providerAccountId")
  if (rawAccountId && "N" in rawAccountId) {
    set(draft, "providerAccountId", { S: rawAccountId.N }, "account.providerAccountId")
  }

  const provider = stringOf(read(draft, "provider"))
  const providerAccountId = stringOf(read(draft, "providerAccountId"))
  if (provider && providerAccountId) {
    const index = keys.accountIndex(provider, providerAccountId)
    set(draft, keys.indexPartitionKey, { S: index[keys.indexPartitionKey]! }, "account.index-keys")
    set(draft, keys.indexSortKey, { S: index[keys.indexSortKey]! }, "account.index-keys")
  } else {
    problem(draft, "account.no-provider")
  }
  if (!stringOf(read(draft, "userId"))) problem(draft, "account.no-userId")

  if (drop) dropLegacy(draft, "account", ACCOUNT_LEGACY_ATTRIBUTES)
}
