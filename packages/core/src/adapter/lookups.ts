/**
 * Index-first lookups with a claim fallback: the index answers the common
 * case in one request; only when it misses (it lags writes, or the item does
 * not exist) is the claim read, strongly consistently, by primary key.
 *
 * An index hit is believed only when the item carries the looked-up value:
 * tables written by other adapters hold stale index keys (the official
 * adapter leaves a user indexed under an old email, and indexes email-less
 * users under `USER#undefined`).
 */
import type { PlainKey } from "../keys.js"
import { type Item, queryAll } from "../table/index.js"
import { claimOwner } from "./claims.js"
import type { AdapterContext } from "./context.js"

/** The first item under these index keys that `agrees` with the lookup. */
export async function queryIndex(
  ctx: AdapterContext,
  index: PlainKey,
  agrees: (item: Item) => boolean,
): Promise<Item | undefined> {
  const { keys } = ctx
  const hits = await queryAll(ctx.table, {
    condition: {
      expression: "#gpk = :p AND #gsk = :s",
      values: { ":p": index[keys.indexPartitionKey], ":s": index[keys.indexSortKey] },
    },
    index: ctx.options.indexName,
  })
  return hits.find(agrees)
}

/** The owning userId: from the index item, else from the claim or pointer. */
export async function findOwner(
  ctx: AdapterContext,
  index: PlainKey,
  claim: PlainKey,
  agrees: (item: Item) => boolean,
): Promise<{ userId: string; indexed?: Item } | undefined> {
  const indexed = await queryIndex(ctx, index, agrees)
  if (indexed && typeof indexed.userId === "string") return { userId: indexed.userId, indexed }
  const userId = await claimOwner(ctx, claim)
  return userId === undefined ? undefined : { userId }
}
