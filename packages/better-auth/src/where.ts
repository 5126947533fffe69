/**
 * Better Auth's `where` (11 operators, AND/OR connectors, case-insensitive
 * mode, null comparisons): evaluated on items read, with the semantics of
 * Better Auth's SQL adapters (AND clauses, then the OR clauses as one group),
 * and compiled to a ConditionExpression for conditional writes.
 */
import type { CustomAdapter } from "better-auth/adapters"

export type Where = NonNullable<Parameters<CustomAdapter["findMany"]>[0]["where"]>[number]

const lower = (value: unknown) => (typeof value === "string" ? value.toLowerCase() : value)
const isNull = (value: unknown) => value === null || value === undefined

/** Whether a clause compares strings case-insensitively. */
function insensitive(clause: Where): boolean {
  const { value } = clause
  return (
    clause.mode === "insensitive" &&
    (typeof value === "string" ||
      (Array.isArray(value) && value.every((v) => typeof v === "string")))
  )
}

function compare(a: unknown, b: unknown): number | undefined {
  if (isNull(a) || isNull(b)) return undefined
  if (typeof a === "number" && typeof b === "number") return a - b
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b)
  return undefined
}

export function matchesClause(item: Record<string, unknown>, clause: Where): boolean {
  const fold = insensitive(clause) ? lower : (v: unknown) => v
  const actual = fold(item[clause.field])
  const value = clause.value
  switch (clause.operator) {
    case "eq":
      return value === null ? isNull(actual) : actual === fold(value)
    case "ne":
      return value === null ? !isNull(actual) : actual !== fold(value)
    case "in":
    case "not_in": {
      const found = (value as unknown[]).some((v) => fold(v) === actual)
      return clause.operator === "in" ? found : !found
    }
    case "contains":
    case "starts_with":
    case "ends_with": {
      if (typeof actual !== "string" || typeof value !== "string") return false
      const v = fold(value) as string
      return clause.operator === "contains"
        ? actual.includes(v)
        : clause.operator === "starts_with"
          ? actual.startsWith(v)
          : actual.endsWith(v)
    }
    default: {
      const order = compare(actual, fold(value))
      if (order === undefined) return false
      return clause.operator === "lt"
        ? order < 0
        : clause.operator === "lte"
          ? order <= 0
          : clause.operator === "gt"
            ? order > 0
            : order >= 0
    }
  }
}

/** `field = value`, as Better Auth passes it. */
export const equals = (field: string, value: unknown): Where => ({
  field,
  operator: "eq",
  value: value as Where["value"],
  connector: "AND",
  mode: "sensitive",
})

/** AND clauses all hold, and (when there are OR clauses) at least one OR clause holds. */
export function matches(item: Record<string, unknown>, where: Where[]): boolean {
  const and = where.filter((c) => c.connector !== "OR")
  const or = where.filter((c) => c.connector === "OR")
  return (
    and.every((c) => matchesClause(item, c)) &&
    (!or.length || or.some((c) => matchesClause(item, c)))
  )
}

/** The clauses every match must satisfy, usable to pick a key lookup: sensitive equalities. */
export function keyEqualities(where: Where[]): Map<string, unknown> {
  const and = where.filter((c) => c.connector !== "OR")
  const equal = new Map<string, unknown>()
  for (const c of and) {
    if (c.operator !== "eq" || isNull(c.value) || insensitive(c)) continue
    if (typeof c.value === "string" || typeof c.value === "number") equal.set(c.field, c.value)
  }
  return equal
}

/** `field in [...]` among the AND clauses, for batch lookups by id. */
export function keyIn(where: Where[], field: string): unknown[] | undefined {
  const clause = where.find(
    (c) => c.connector !== "OR" && c.operator === "in" && c.field === field && !insensitive(c),
  )
  return clause ? (clause.value as unknown[]) : undefined
}

/** https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html */
const MAX_IN_OPERANDS = 100

export interface Condition {
  expression: string
  names: Record<string, string>
  values: Record<string, unknown>
}

/**
 * The `where` as a ConditionExpression (placeholders `#w<i>`, `:w<i>`). A
 * clause DynamoDB cannot express (case-insensitive, `ends_with`, an order
 * between different types) becomes "the field still holds the value read",
 * which is at least as strict: a write it fails is retried on a fresh read.
 */
export function compileWhere(where: Where[], snapshot: Record<string, unknown>): Condition {
  const names: Record<string, string> = {}
  const values: Record<string, unknown> = {}
  let n = 0
  const name = (field: string) => {
    const placeholder = `#w${n++}`
    names[placeholder] = field
    return placeholder
  }
  const value = (v: unknown) => {
    const placeholder = `:w${n++}`
    values[placeholder] = v
    return placeholder
  }
  const absent = (f: string) =>
    `(attribute_not_exists(${f}) OR attribute_type(${f}, ${value("NULL")}))`
  const same = (field: string) => {
    const f = name(field)
    const seen = snapshot[field]
    return isNull(seen) ? absent(f) : `${f} = ${value(seen)}`
  }
  const one = (c: Where): string => {
    if (insensitive(c)) return same(c.field)
    const f = name(c.field)
    const v = c.value
    switch (c.operator) {
      case "eq":
        return v === null ? absent(f) : `${f} = ${value(v)}`
      case "ne":
        return v === null
          ? `NOT ${absent(f)}`
          : `(attribute_not_exists(${f}) OR ${f} <> ${value(v)})`
      case "in":
      case "not_in": {
        const list = v as unknown[]
        // DynamoDB takes at most 100 operands in IN.
        if (list.length > MAX_IN_OPERANDS) return same(c.field)
        const found = list.length
          ? `${f} IN (${list.map(value).join(", ")})`
          : "attribute_exists(#pk) AND attribute_not_exists(#pk)"
        return c.operator === "in" ? `(${found})` : `(attribute_not_exists(${f}) OR NOT (${found}))`
      }
      case "contains":
        return typeof v === "string" ? `contains(${f}, ${value(v)})` : same(c.field)
      case "starts_with":
        return typeof v === "string" ? `begins_with(${f}, ${value(v)})` : same(c.field)
      case "ends_with":
        return same(c.field)
      default: {
        const op = { lt: "<", lte: "<=", gt: ">", gte: ">=" }[c.operator]
        return op && typeof v !== "boolean" && !isNull(v) ? `${f} ${op} ${value(v)}` : same(c.field)
      }
    }
  }
  const and = where.filter((c) => c.connector !== "OR").map(one)
  const or = where.filter((c) => c.connector === "OR").map(one)
  if (or.length) and.push(`(${or.join(" OR ")})`)
  return { expression: and.join(" AND "), names, values }
}
