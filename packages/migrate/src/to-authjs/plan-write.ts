/**
 * Turns a transformed item into the writes that store it safely:
 * - in place: one UpdateItem of the changed attributes, conditional on the
 *   old values of every attribute the transform read or touches;
 * - re-keyed (VR → VT): Put of the new item where nothing exists yet, plus
 *   Delete of the old item conditional on all its attributes being unchanged;
 * - into another table: a ConditionCheck that the source item is unchanged,
 *   plus a Put into the target where nothing exists yet.
 * A concurrent write by the app therefore makes our write fail instead of
 * being overwritten; ./settle.ts then re-reads and tries again. The requests
 * carry the items as stored (core's table functions take plain values), so
 * every attribute the migration does not change is written back as it was.
 */
import type { AttributeMap, Keys } from "@dynamoauth/core"
import { itemSize, sameValue } from "../attributes.js"
import { Names, notExists, primaryKey, unchanged } from "../writes/conditions.js"
import type { Transaction } from "../writes/transactions.js"
import type { TransformResult } from "./transform/index.js"

export interface PlannedWrite extends Transaction {
  original: AttributeMap
  result: TransformResult
}

export interface WriteTarget {
  keys: Keys
  sourceTable: string
  /** Set to copy into another table. */
  targetTable?: string
}

export function planWrite(
  original: AttributeMap,
  result: TransformResult,
  target: WriteTarget,
): PlannedWrite {
  const { keys, sourceTable, targetTable } = target
  const key = primaryKey(original, keys)
  const size = itemSize(result.item)
  const notThere = notExists(keys.partitionKey)
  const sourceUnchanged = () => unchanged(original, Object.keys(original), result.reads, keys)

  if (targetTable) {
    return {
      original,
      result,
      actions: [
        {
          role: "check-source",
          action: { ConditionCheck: { TableName: sourceTable, Key: key, ...sourceUnchanged() } },
        },
        {
          role: "put-target",
          action: { Put: { TableName: targetTable, Item: result.item, ...notThere } },
        },
      ],
      bytes: 2 * size + itemSize(original),
    }
  }
  if (result.rekeyed) {
    return {
      original,
      result,
      actions: [
        {
          role: "put-new",
          action: { Put: { TableName: sourceTable, Item: result.item, ...notThere } },
        },
        {
          role: "delete-old",
          action: { Delete: { TableName: sourceTable, Key: key, ...sourceUnchanged() } },
        },
      ],
      bytes: size + 2 * itemSize(original),
    }
  }
  return {
    original,
    result,
    actions: [
      {
        role: "update",
        action: { Update: { TableName: sourceTable, Key: key, ...update(original, result, keys) } },
      },
    ],
    bytes: 2 * size,
  }
}

/** SET/REMOVE of what differs, conditional on the old value of each attribute read or touched. */
function update(original: AttributeMap, result: TransformResult, keys: Keys) {
  const names = new Names()
  const sets: string[] = []
  const removes: string[] = []
  const touched: string[] = []
  for (const [name, value] of Object.entries(result.item)) {
    if (sameValue(original[name], value)) continue
    sets.push(`${names.name(name)} = ${names.value(value)}`)
    touched.push(name)
  }
  for (const name of Object.keys(original)) {
    if (name in result.item) continue
    removes.push(names.name(name))
    touched.push(name)
  }
  const watched = [...new Set([...result.reads, ...touched])].filter(
    (name) => name !== keys.partitionKey && name !== keys.sortKey,
  )
  const conditions = [
    `attribute_exists(${names.name(keys.partitionKey)})`,
    ...watched.map((n) => names.equals(n, original[n])),
  ]
  const clauses = [
    sets.length ? `SET ${sets.join(", ")}` : "",
    removes.length ? `REMOVE ${removes.join(", ")}` : "",
  ]
  return {
    UpdateExpression: clauses.filter(Boolean).join(" "),
    ConditionExpression: conditions.join(" AND "),
    ...names.input(),
  }
}
