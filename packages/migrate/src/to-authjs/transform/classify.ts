/** Tells what an item is from its primary key, under the configured key names. */
import type { AttributeMap, Keys } from "@dynamoauth/core"
import { type ParsedKey, parseKey } from "@dynamoauth/core/internal"
import type { ItemKind } from "./types.js"

const KINDS: Record<ParsedKey["kind"], ItemKind> = {
  user: "user",
  account: "account",
  session: "session",
  authenticator: "authenticator",
  verificationToken: "verification-token",
  verificationRequest: "verification-request",
  // dynamoauth's claims and pointers (docs/architecture.md).
  emailClaim: "claim",
  accountClaim: "claim",
  sessionPointer: "claim",
  credentialClaim: "claim",
}

export function classify(item: AttributeMap, keys: Keys): ItemKind {
  const parsed = parseKey(item, keys)
  return parsed ? KINDS[parsed.kind] : "unknown"
}
