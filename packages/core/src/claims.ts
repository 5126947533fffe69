/**
 * Claims, for both layouts: small items keyed by the unique value they guard
 * (an email, a provider account, a Better Auth unique field), written in the
 * same transaction as the item that holds the value. They give the uniqueness
 * SQL gets from unique constraints, and a strongly consistent way to find the
 * owner. Each layout says who owns a claim (an attribute) and when an owner no
 * longer holds the value (stale): this module takes, releases, rewrites and
 * takes over claims the same way for both.
 */
import { cancellationReasons } from "./error-mapping.js"
import type { PlainKey } from "./keys.js"
import { getItem } from "./table/item.js"
import { transactWrite } from "./table/transact.js"
import type { Expression, Item, Table, TransactItem } from "./table/types.js"

/** Stale-claim takeovers per write before giving up (each one lost a race to another writer). */
const MAX_TAKEOVERS = 3

const ABSENT = "attribute_not_exists(#pk)"

/** A claim to take in a transaction. */
export interface Claim {
  /** The claim item to put, its key included. */
  item: Item
  /** The attribute naming the owner (`userId` in the Auth.js layout, `_ref` in Better Auth's). */
  owner: string
  /** An owner that may put the claim again over itself (the Auth.js adapter re-claims what it holds). */
  self?: string
  /**
   * The claim is held by `owner` (undefined: it went missing meanwhile). Throws
   * the layout's conflict when that owner still holds the value; otherwise the
   * claim is stale and taken over, together with the items returned (what a
   * deleted owner left behind).
   */
  takeOver(owner: string | undefined, cause: unknown): Promise<TransactItem[]>
}

const ownedBy = (owner: string, id: string, name: string) => ({
  expression: `${ABSENT} OR #${owner} = ${name}`,
  values: { [name]: id },
})

/** Puts a claim again (or back, if it went missing) only while `id` still owns it. */
export const claimRewrite = (item: Item, owner: string, id: string): TransactItem => ({
  put: item,
  condition: ownedBy(owner, id, ":me"),
})

/** Releases a claim only if `id` still owns it (or it is already gone). */
export const claimRelease = (key: PlainKey, owner: string, id: string): TransactItem => ({
  delete: key,
  condition: ownedBy(owner, id, ":me"),
})

/** The put of a claim: free, its own (`self`), or held by the stale owner being taken over. */
function claimPut(claim: Claim, stale: string | undefined): TransactItem {
  const condition: Expression =
    claim.self === undefined ? { expression: ABSENT } : ownedBy(claim.owner, claim.self, ":me")
  if (stale !== undefined) {
    condition.expression += ` OR #${claim.owner} = :stale`
    condition.values = { ...condition.values, ":stale": stale }
  }
  return { put: claim.item, condition }
}

/**
 * `items`, then the claim puts, in one transaction. When a claim is held by
 * another owner, `takeOver` decides: a live owner is the caller's conflict, a
 * stale one is taken over (under a condition on that owner, so two writers
 * cannot both take it). When one of `items` fails its own condition, the
 * transaction's error is thrown as it is, for the caller to answer.
 */
export async function transactClaims(
  table: Table,
  items: TransactItem[],
  claims: Claim[],
): Promise<void> {
  const stale: (string | undefined)[] = claims.map(() => undefined)
  const leftovers: TransactItem[][] = claims.map(() => [])
  for (let attempt = 0; ; attempt++) {
    const puts = claims.map((claim, i) => claimPut(claim, stale[i]))
    try {
      await transactWrite(table, [...items, ...puts, ...leftovers.flat()])
      return
    } catch (error) {
      const reasons = cancellationReasons(error)
      if (!reasons || items.some((_, i) => reasons[i] === "ConditionalCheckFailed")) throw error
      const lost = claims.findIndex(
        (_, i) => reasons[items.length + i] === "ConditionalCheckFailed",
      )
      if (lost < 0 || attempt >= MAX_TAKEOVERS) throw error
      const claim = claims[lost]!
      const { partitionKey, sortKey } = table.names
      const key = { [partitionKey]: claim.item[partitionKey], [sortKey]: claim.item[sortKey] }
      const owner = (await getItem(table, key as PlainKey))?.[claim.owner] as string | undefined
      leftovers[lost] = await claim.takeOver(owner, error)
      stale[lost] = owner
    }
  }
}

/**
 * A claim owned by someone else (possible only on tables shared with the
 * official adapter, which never releases claims) is left alone: drop that
 * release and try again.
 */
export async function transactReleasing(
  table: Table,
  items: TransactItem[],
  /** An item whose failed condition means the caller's read is stale: it throws instead of being dropped. */
  required?: TransactItem,
): Promise<void> {
  let pending = items
  for (;;) {
    try {
      await transactWrite(table, pending)
      return
    } catch (error) {
      const reasons = cancellationReasons(error)
      const failed = new Set(
        (reasons ?? []).flatMap((reason, i) => (reason === "ConditionalCheckFailed" ? [i] : [])),
      )
      if (failed.size === 0 || [...failed].some((i) => !pending[i]?.condition)) throw error
      if (required && [...failed].some((i) => pending[i] === required)) throw error
      pending = pending.filter((_, i) => !failed.has(i))
      if (pending.length === 0) return
    }
  }
}
