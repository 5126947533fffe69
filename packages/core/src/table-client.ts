/**
 * TEMPORARY: the table client as one object, built from the table functions
 * (`./table/`), for the packages not yet moved to them (better-auth,
 * migrate, the contract suites' raw reads). It goes once they call the
 * functions; new code calls the functions, so a bundle carries only what it uses.
 */
import type { PlainKey } from "./keys.js"
import { batchGetItems, batchWriteItems } from "./table/batch.js"
import { deleteItem, getItem, putItem, updateItem } from "./table/item.js"
import { queryAll } from "./table/query.js"
import { transactWrite } from "./table/transact.js"
import type { Expression, Item, TableNames, TransactItem } from "./table/types.js"
import type { Transport } from "./transport.js"

export { inChunks } from "./table/chunks.js"
export type { Expression, Item, TableNames, TransactItem } from "./table/types.js"

export type TableClient = ReturnType<typeof createTableClient>

export function createTableClient(transport: Transport, names: TableNames) {
  const table = { transport, names }
  return {
    get: (key: PlainKey) => getItem(table, key),
    put: (item: Item, condition?: Expression) => putItem(table, item, condition),
    update: (key: PlainKey, set: Expression, condition?: Expression) =>
      updateItem(table, key, set, condition && inheriting(condition, set)),
    delete: (key: PlainKey, condition?: Expression) => deleteItem(table, key, condition),
    query: (condition: Expression, index?: string) => queryAll(table, { condition, index }),
    batchGet: (keys: PlainKey[]) => batchGetItems(table, keys),
    batchWrite: (writes: { puts?: Item[]; deletes?: PlainKey[] }) => batchWriteItems(table, writes),
    transact: (items: TransactItem[]) =>
      transactWrite(
        table,
        items.map((item) =>
          "set" in item && item.condition
            ? { ...item, condition: inheriting(item.condition, item.set) }
            : item,
        ),
      ),
  }
}

/**
 * The Better Auth store's counter guard uses placeholders (`#u<n>`, `:t<n>`)
 * that only its update declares, as the old shared placeholder map allowed:
 * the condition gets the update's declarations it does not make itself.
 */
function inheriting(condition: Expression, set: Expression): Expression {
  return {
    expression: condition.expression,
    names: { ...set.names, ...condition.names },
    values: { ...set.values, ...condition.values },
  }
}
