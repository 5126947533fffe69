/**
 * Verification requests (v3: `VR#<identifier>` / `VR#<hashed token>`, type
 * `VR`) become verification tokens (`VT#…`, type `VT`). Auth.js hashes the
 * emailed token with the same formula v3 used, so re-keying keeps pending
 * sign-in links working. 1.0.0/1.0.1 tokens only need `expires` converted.
 */
import type { Keys } from "@dynamoauth/core"
import { parseKey } from "@dynamoauth/core/internal"
import { stringOf } from "../../attributes.js"
import { dropLegacy, problem, read, set } from "./draft.js"
import { ITEM_TYPE, setMarker } from "./markers.js"
import { convertExpires } from "./session.js"
import type { KindTransform } from "./types.js"

export const VERIFICATION_LEGACY_ATTRIBUTES = ["createdAt", "updatedAt"] as const

export const transformVerificationToken: KindTransform = (draft, context) => {
  const { keys, dropLegacy: drop } = context
  setMarker(draft, ITEM_TYPE.verificationToken, "verification.type")
  convertExpires(draft, "verification")
  // The identifier and token come from the key, so the result depends on both key attributes.
  read(draft, keys.partitionKey)
  read(draft, keys.sortKey)
  const { identifier, token } = verificationKey(draft.item, keys, "verificationToken")
  if (read(draft, "identifier") === undefined)
    set(draft, "identifier", { S: identifier }, "verification.identifier")
  if (read(draft, "token") === undefined) set(draft, "token", { S: token }, "verification.token")
  if (drop) dropLegacy(draft, "verification", VERIFICATION_LEGACY_ATTRIBUTES)
}

export const transformVerificationRequest: KindTransform = (draft, context) => {
  const { keys } = context
  // Every attribute moves to the new item, so the whole old item is what the write depends on.
  for (const name of Object.keys(draft.item)) draft.reads.add(name)
  const { identifier, token } = verificationKey(draft.item, keys, "verificationRequest")
  const stored = stringOf(draft.item.identifier)
  if (stored !== undefined && stored !== identifier)
    problem(draft, "verification.identifier-mismatch")
  const key = keys.verificationToken(identifier, token)
  set(draft, keys.partitionKey, { S: key[keys.partitionKey]! }, "verification.rekey")
  set(draft, keys.sortKey, { S: key[keys.sortKey]! }, "verification.rekey")
  transformVerificationToken(draft, context)
}

/** The identifier and token a verification key carries (classify has checked its kind). */
function verificationKey(
  item: Record<string, unknown>,
  keys: Keys,
  kind: "verificationToken" | "verificationRequest",
): { identifier: string; token: string } {
  const key = parseKey(item, keys)
  return key?.kind === kind ? key : { identifier: "", token: "" }
}
