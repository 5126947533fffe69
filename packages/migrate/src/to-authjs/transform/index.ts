/**
 * Legacy item → current item: pure, one item at a time, on raw
 * AttributeValues. Applying it to its own output changes nothing, which is
 * what makes a second migration run (or a resumed one) a no-op.
 */
import type { AttributeMap } from "@dynamoauth/core"
import { transformAccount } from "./account.js"
import { classify } from "./classify.js"
import { createDraft } from "./draft.js"
import { transformSession } from "./session.js"
import type { ItemKind, KindTransform, TransformContext, TransformResult } from "./types.js"
import { transformUser } from "./user.js"
import { transformVerificationRequest, transformVerificationToken } from "./verification.js"

export { classify } from "./classify.js"
export type { ItemKind, TransformContext, TransformResult } from "./types.js"

const TRANSFORMS: Partial<Record<ItemKind, KindTransform>> = {
  user: transformUser,
  account: transformAccount,
  session: transformSession,
  "verification-request": transformVerificationRequest,
  "verification-token": transformVerificationToken,
}

export function transformItem(item: AttributeMap, context: TransformContext): TransformResult {
  const kind = classify(item, context.keys)
  const transform = TRANSFORMS[kind]
  if (!transform) return { kind, changes: [], problems: [], item, rekeyed: false, reads: [] }
  const draft = createDraft(item)
  transform(draft, context)
  const { partitionKey, sortKey } = context.keys
  const rekeyed =
    draft.item[partitionKey] !== item[partitionKey] || draft.item[sortKey] !== item[sortKey]
  return {
    kind,
    changes: draft.changes,
    problems: draft.problems,
    item: draft.changes.length > 0 ? draft.item : item,
    rekeyed,
    reads: [...draft.reads],
  }
}
