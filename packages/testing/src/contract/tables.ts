/** Fresh tables per suite run, so suites never see each other's items. */
import {
  createTableInput,
  type DynamoDBAdapterOptions,
  type ResolvedTableOptions,
  resolveTableOptions,
  type Transport,
} from "@dynamoauth/core"
import {
  batchWriteItems,
  deleteItem,
  type Expression,
  getItem,
  type Item,
  type PlainKey,
  queryAll,
  type Table,
} from "@dynamoauth/core/internal"

export interface Layout {
  label: string
  options: ResolvedTableOptions
  /** Read-backs and raw writes the suites check the adapter with (core's table functions). */
  raw: RawTable
  /** The same table, for core's table functions. */
  table: Table
}

export type RawTable = ReturnType<typeof rawTable>

/** The suites' probe: a few table functions bound to one table, named as the suites read them. */
export function rawTable(table: Table) {
  return {
    get: (key: PlainKey) => getItem(table, key),
    delete: (key: PlainKey) => deleteItem(table, key),
    query: (condition: Expression, index?: string) => queryAll(table, { condition, index }),
    batchWrite: (writes: { puts?: Item[]; deletes?: PlainKey[] }) => batchWriteItems(table, writes),
  }
}

const CUSTOM_NAMES = {
  partitionKey: "PK",
  sortKey: "sort key",
  indexName: "by-lookup",
  indexPartitionKey: "lookup.pk",
  indexSortKey: "lookup-sk",
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}`
}

export async function createTable(transport: Transport, options: DynamoDBAdapterOptions) {
  const resolved = resolveTableOptions(options)
  await transport.send("CreateTable", createTableInput(resolved))
  return resolved
}

/** The default layout and one with every name customised (the official adapter broke on these). */
export async function createLayouts(transport: Transport): Promise<Layout[]> {
  const layouts: Layout[] = []
  for (const [label, names] of [
    ["default names", {}],
    ["custom names", CUSTOM_NAMES],
  ] as const) {
    const options = await createTable(transport, { ...names, tableName: uniqueName("contract") })
    const table = { transport, names: options }
    layouts.push({ label, options, raw: rawTable(table), table })
  }
  return layouts
}

/** Every raw item in the table (small test tables: one Scan page each, all pages followed). */
export async function scanAll(transport: Transport, tableName: string) {
  const items: Record<string, unknown>[] = []
  let ExclusiveStartKey: Record<string, unknown> | undefined
  do {
    const out = await transport.send("Scan", {
      TableName: tableName,
      ...(ExclusiveStartKey ? { ExclusiveStartKey } : {}),
    })
    items.push(...(out.Items ?? []))
    ExclusiveStartKey = out.LastEvaluatedKey
  } while (ExclusiveStartKey)
  return items
}
