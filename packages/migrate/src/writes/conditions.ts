/**
 * Conditions of the migration's writes, on items as stored: a put lands only
 * where nothing exists, and a write that depends on what was read holds only
 * while the item is still exactly that. A concurrent write by the app then
 * makes our write fail instead of being overwritten.
 */
import type { AttributeMap, AttributeValue, Keys } from "@dynamoauth/core"

/** Maximum length of an expression string. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-expression-parameters */
export const MAX_EXPRESSION_LENGTH = 4096

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
export class Names {
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
