/**
 * Simulated global-secondary-index lag. DynamoDB copies a write into its indexes asynchronously,
 * so for a short while an index Query does not see an item that a strongly consistent GetItem
 * already returns. DynamoDB Local's indexes are always up to date; this makes them late.
 *
 * Limits of the simulation (see README):
 * - It only hides. A real lagging index would still show a deleted item, or the old version of
 *   an updated one; here a recently written item (put, updated or deleted) is simply absent.
 * - It recognises items by the table's key attributes, which an index Query always returns.
 *   Key values are compared as DynamoDB JSON, so numbers must be spelled alike in write and read.
 * - `Count` is lowered by the number of hidden items; `ScannedCount`, `LastEvaluatedKey` and
 *   `Select: "COUNT"` queries (which return no items) are left as they are. Scans are untouched.
 * - A write starts its lag when its successful answer passes through the proxy; writes that
 *   bypass the proxy are not seen.
 */

export interface IndexLagKeys {
  /** Partition key attribute of the table. Default "pk". */
  partitionKey: string
  /** Sort key attribute of the table, if it has one. Default "sk". */
  sortKey?: string
}

export const DEFAULT_INDEX_LAG_KEYS: IndexLagKeys = { partitionKey: "pk", sortKey: "sk" }

type AttributeMap = Record<string, unknown>

/** Forget expired writes every so often, so a long run holds only recent ones. */
const SWEEP_EVERY_WRITES = 256

export class IndexLag {
  private ms = 0
  private keys: IndexLagKeys = DEFAULT_INDEX_LAG_KEYS
  private readonly writtenAt = new Map<string, number>()
  private writesSinceSweep = 0

  set(ms: number, keys: IndexLagKeys = DEFAULT_INDEX_LAG_KEYS): void {
    if (!(ms >= 0)) throw new RangeError(`setIndexLag: ms must be >= 0, got ${ms}`)
    this.ms = ms
    this.keys = keys
    if (ms === 0) this.writtenAt.clear()
  }

  get active(): boolean {
    return this.ms > 0
  }

  /** Operations whose request the proxy must parse while lag is on. */
  concerns(operation: string): boolean {
    return operation === "Query" || operation in WRITE_KEYS
  }

  /** Records the items a successful write request touched. */
  recordWrite(operation: string, input: AttributeMap, now: number): void {
    const extract = WRITE_KEYS[operation]
    if (!extract) return
    for (const [table, item] of extract(input)) {
      const id = this.itemId(table, item)
      if (id) this.writtenAt.set(id, now)
    }
    if (++this.writesSinceSweep >= SWEEP_EVERY_WRITES) this.sweep(now)
  }

  /**
   * Hides recently written items from an index Query's answer. Returns the new answer, or
   * undefined when nothing changed (no index, nothing hidden).
   */
  filterQuery(input: AttributeMap, output: AttributeMap, now: number): AttributeMap | undefined {
    if (typeof input.IndexName !== "string" || typeof input.TableName !== "string") return undefined
    if (!Array.isArray(output.Items)) return undefined
    const table = input.TableName
    const kept = output.Items.filter((item: AttributeMap) => {
      const id = this.itemId(table, item)
      const at = id === undefined ? undefined : this.writtenAt.get(id)
      return at === undefined || now - at >= this.ms
    })
    const hidden = output.Items.length - kept.length
    if (hidden === 0) return undefined
    const count = typeof output.Count === "number" ? output.Count - hidden : kept.length
    return { ...output, Items: kept, Count: count }
  }

  private itemId(table: string, item: AttributeMap | undefined): string | undefined {
    if (!item) return undefined
    const pk = item[this.keys.partitionKey]
    if (pk === undefined) return undefined
    const sk = this.keys.sortKey === undefined ? null : (item[this.keys.sortKey] ?? null)
    return JSON.stringify([table, pk, sk])
  }

  private sweep(now: number): void {
    this.writesSinceSweep = 0
    for (const [id, at] of this.writtenAt) {
      if (now - at >= this.ms) this.writtenAt.delete(id)
    }
  }
}

type Touched = [table: string, item: AttributeMap | undefined][]

/** For each write operation: the (table, key-bearing map) pairs its request touches. */
const WRITE_KEYS: Record<string, (input: AttributeMap) => Touched> = {
  PutItem: (input) => [[String(input.TableName), input.Item as AttributeMap]],
  UpdateItem: (input) => [[String(input.TableName), input.Key as AttributeMap]],
  DeleteItem: (input) => [[String(input.TableName), input.Key as AttributeMap]],
  BatchWriteItem: (input) => {
    const touched: Touched = []
    const requests = (input.RequestItems ?? {}) as Record<string, AttributeMap[]>
    for (const [table, writes] of Object.entries(requests)) {
      for (const write of writes) {
        const put = write.PutRequest as AttributeMap | undefined
        const del = write.DeleteRequest as AttributeMap | undefined
        touched.push([table, (put?.Item ?? del?.Key) as AttributeMap | undefined])
      }
    }
    return touched
  },
  TransactWriteItems: (input) => {
    const touched: Touched = []
    for (const entry of (input.TransactItems ?? []) as AttributeMap[]) {
      // ConditionCheck writes nothing, so it starts no lag.
      const put = entry.Put as AttributeMap | undefined
      const change = (entry.Update ?? entry.Delete) as AttributeMap | undefined
      if (put) touched.push([String(put.TableName), put.Item as AttributeMap])
      if (change) touched.push([String(change.TableName), change.Key as AttributeMap])
    }
    return touched
  },
}
