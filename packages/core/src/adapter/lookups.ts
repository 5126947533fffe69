/**
 * Index-first lookups with a claim fallback: the index answers the common
 * case in one request; only when it misses (it lags writes, or the item does
 * not exist) is the claim read, strongly consistently, by primary key.
 */
import type { PlainKey } from "../keys.js"
import type { Item } from "../table-client.js"
import { claimOwner } from "./claims.js"
import type { AdapterContext } from "./context.js"

export async function queryIndex(ctx: AdapterContext, index: PlainKey): Promise<Item | undefined> {
  const { keys } = ctx
  const [hit] = await ctx.table.query(
    {
      expression: "#gpk = :p AND #gsk = :s",
      values: { ":p": index[keys.indexPartitionKey], ":s": index[keys.indexSortKey] },
    },
    ctx.options.indexName,
  )
  return hit
}

/** The owning userId: from the index item, else from the claim or pointer. */
export async function findOwner(
  ctx: AdapterContext,
  index: PlainKey,
  claim: PlainKey,
): Promise<{ userId: string; indexed?: Item } | undefined> {
  const indexed = await queryIndex(ctx, index)
  if (indexed && typeof indexed.userId === "string") return { userId: indexed.userId, indexed }
  const userId = await claimOwner(ctx, claim)
  return userId === undefined ? undefined : { userId }
}
