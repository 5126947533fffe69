/**
 * The table functions: every request core and dynamoauth's packages make to
 * the table goes through one of them. Each `…Input` builds a request as
 * DynamoDB JSON without sending it.
 */
export { type BatchWrites, batchGetItems, batchWriteItems, writeRequests } from "./batch.js"
export { inChunks } from "./chunks.js"
export { type ExpressionField, expressionFields } from "./expressions.js"
export {
  deleteInput,
  deleteItem,
  getInput,
  getItem,
  getStoredItem,
  putInput,
  putItem,
  updateInput,
  updateItem,
} from "./item.js"
export { type Page, type QueryOptions, queryAll, queryInput, queryPage } from "./query.js"
export {
  type ScanOptions,
  scanInput,
  scanPages,
  scanStoredPage,
  scanStoredPages,
} from "./scan.js"
export { transactAction, transactInput, transactWrite } from "./transact.js"
export type { Expression, Item, Table, TableNames, TransactItem } from "./types.js"
