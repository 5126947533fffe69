/**
 * The values every table function takes: a transport and the table's names.
 * A table client is this value plus the functions in this folder (one file
 * each), so a bundle carries only the operations its code calls.
 */
import type { PlainKey } from "../keys.js"
import type { ResolvedTableOptions } from "../options.js"
import type { Transport } from "../transport.js"

/** An item as plain JS values. */
export type Item = Record<string, unknown>

/** The names a table function needs: the table's and its key attributes' (a query names its index). */
export type TableNames = Omit<ResolvedTableOptions, "indexName">

/** What the table functions run against. */
export interface Table {
  transport: Transport
  names: TableNames
}

/**
 * A condition, key condition, filter or update expression, values as plain JS.
 * Each expression is a scope of its own: its `#x` and `:x` mean what its own
 * `names` and `values` say, whatever another expression of the same request
 * uses. A `#x` with no entry in `names` is the attribute `x`, or for
 * `#pk`, `#sk`, `#gpk`, `#gsk` the configured key attribute.
 */
export interface Expression {
  expression: string
  names?: Record<string, string>
  values?: Record<string, unknown>
}

/** One action of a transaction. */
export type TransactItem =
  | { put: Item; condition?: Expression }
  | { delete: PlainKey; condition?: Expression }
  | { update: PlainKey; set: Expression; condition?: Expression }
  | { check: PlainKey; condition: Expression }
