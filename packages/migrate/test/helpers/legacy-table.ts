/** A fresh legacy table filled by the aws-sdk v2 fixtures, and its expected migrated dump. */
import {
  type AttributeMap,
  createKeys,
  type DynamoDBAdapterOptions,
  resolveTableOptions,
  type Transport,
} from "@dynamoauth/core"
import { transformItem } from "../../src/to-authjs/transform/index.js"
import { type ExpectedData, writeLegacyDataset } from "../fixtures/dataset.js"
import { createLegacyWriter, DEFAULT_NAMES, type KeyNames } from "../fixtures/legacy-writer.js"
import { CREDENTIALS, canonical, endpoint, scanAll, uniqueTable } from "./env.js"

export interface LegacyTable {
  tableName: string
  options: DynamoDBAdapterOptions
  expected: ExpectedData
  /** The table's items before migration. */
  before: AttributeMap[]
}

export async function createLegacyTable(
  transport: Transport,
  users: number,
  names: KeyNames = DEFAULT_NAMES,
  prefix = "legacy",
): Promise<LegacyTable> {
  const tableName = uniqueTable(prefix)
  const writer = createLegacyWriter({
    endpoint: endpoint(),
    tableName,
    names,
    credentials: CREDENTIALS,
  })
  await writer.createTable()
  const expected = await writeLegacyDataset(writer, users)
  const options: DynamoDBAdapterOptions = {
    tableName,
    partitionKey: names.pk,
    sortKey: names.sk,
    indexName: names.index,
    indexPartitionKey: names.gpk,
    indexSortKey: names.gsk,
  }
  return { tableName, options, expected, before: await scanAll(transport, tableName) }
}

/** What the table must hold after a migration: each item transformed (re-keyed ones under their new key). */
export function expectedDump(table: LegacyTable, dropLegacy = false): string[] {
  const keys = createKeys(resolveTableOptions(table.options))
  return table.before
    .map((item) => canonical(transformItem(item, { keys, dropLegacy }).item))
    .sort()
}
