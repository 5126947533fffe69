/**
 * Turns a transformed item into the TransactWriteItems actions that store
 * it safely:
 * - in place: one UpdateItem of the changed attributes, conditional on the
 *   old values of every attribute the transform read or touches;
 * - re-keyed (VR → VT): Put of the new item where nothing exists yet, plus
 *   Delete of the old item conditional on all its attributes being unchanged;
 * - into another table: a ConditionCheck that the source item is unchanged,
 *   plus a Put into the target where nothing exists yet.
 * A concurrent write by the app therefore makes our write fail instead of
 * being overwritten; the engine then re-reads and tries again.
 */
import type { AttributeMap, AttributeValue, Keys } from "@dynamoauth/core"
import { itemSize, sameValue } from "./attributes.js"
import type { TransformResult } from "./transform/index.js"

/** Maximum length of an expression string. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-expression-parameters */
export const MAX_EXPRESSION_LENGTH = 4096

/** One write capacity unit covers 1 KB; a transactional write costs two. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-capacity-handling */
const WRITE_UNIT_BYTES = 1024
const TRANSACTION_COST = 2

export type WriteRole =
  | "update"
  | "put-new"
  | "delete-old"
  | "check-source"
  | "put-target"
  | "put-claim"

/** What the writer needs of a write: its actions and its cost. */
export interface Transaction {
  /** Actions in TransactItems shape, with the role of each (to read cancellation reasons). */
  actions: { role: WriteRole; action: Record<string, unknown> }[]
  /** Estimated write capacity units. */
  writeUnits: number
  /** Estimated request bytes (for the transaction size limit). */
  bytes: number
}

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
  const units = TRANSACTION_COST * Math.max(1, Math.ceil(size / WRITE_UNIT_BYTES))
  const notThere = notExists(keys.partitionKey)

  if (targetTable) {
    return {
      original,
      result,
      actions: [
        {
          role: "check-source",
          action: {
            ConditionCheck: {
              TableName: sourceTable,
              Key: key,
              ...unchanged(original, Object.keys(original), result.reads, keys),
            },
          },
        },
        {
          role: "put-target",
          action: { Put: { TableName: targetTable, Item: result.item, ...notThere } },
        },
      ],
      writeUnits: units,
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
          action: {
            Delete: {
              TableName: sourceTable,
              Key: key,
              ...unchanged(original, Object.keys(original), result.reads, keys),
            },
          },
        },
      ],
      writeUnits: units + TRANSACTION_COST,
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
    // Sent as a plain UpdateItem: one unit per KB, not a transaction's two.
    writeUnits: units / TRANSACTION_COST,
    bytes: 2 * size,
  }
}

export function primaryKey(item: AttributeMap, keys: Keys): AttributeMap {
  return { [keys.partitionKey]: item[keys.partitionKey]!, [keys.sortKey]: item[keys.sortKey]! }
}

/** Condition fields of a put that must not replace an existing item. */
export function notExists(partitionKey: string) {
  return {
    ConditionExpression: "attribute_not_exists(#pk)",
    ExpressionAttributeNames: { "#pk": partitionKey },
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

/**
 * A condition that the item still holds exactly `original`: every attribute
 * equal. An item with so many attributes that the expression would pass
 * DynamoDB's length limit is watched on the attributes the transform read.
 */
export function unchanged(original: AttributeMap, all: string[], reads: string[], keys: Keys) {
  for (const watched of [all, reads]) {
    const names = new Names()
    const conditions = [`attribute_exists(${names.name(keys.partitionKey)})`]
    for (const name of watched) {
      if (name === keys.partitionKey || name === keys.sortKey) continue
      conditions.push(names.equals(name, original[name]))
    }
    const ConditionExpression = conditions.join(" AND ")
    if (ConditionExpression.length <= MAX_EXPRESSION_LENGTH || watched === reads) {
      return { ConditionExpression, ...names.input() }
    }
  }
  throw new Error("unreachable")
}

/** Placeholders `#n0`, `:v0`, … so any attribute name works. */
class Names {
  private readonly names: Record<string, string> = {}
  private readonly byName = new Map<string, string>()
  private readonly values: Record<string, AttributeValue> = {}

  name(attribute: string): string {
    let placeholder = this.byName.get(attribute)
    if (!placeholder) {
      placeholder = `#n${this.byName.size}`
      this.byName.set(attribute, placeholder)
      this.names[placeholder] = attribute
    }
    return placeholder
  }

  value(value: AttributeValue): string {
    const placeholder = `:v${Object.keys(this.values).length}`
    this.values[placeholder] = value
    return placeholder
  }

  equals(attribute: string, old: AttributeValue | undefined): string {
    const name = this.name(attribute)
    if (old === undefined) return `attribute_not_exists(${name})`
    // `=` against a NULL value is never true; the type test is the way to say "still null".
    if ("NULL" in old) return `attribute_type(${name}, ${this.value({ S: "NULL" })})`
    return `${name} = ${this.value(old)}`
  }

  input() {
    return {
      ExpressionAttributeNames: this.names,
      ...(Object.keys(this.values).length ? { ExpressionAttributeValues: this.values } : {}),
    }
  }
}
