/**
 * The UpdateExpression and its guard for one record write: `SET` and `REMOVE`
 * of changed fields, exact increments, and the condition that the record still
 * exists, is not being deleted (owners.ts) and still matches the `where` it was
 * read by. Pure.
 */
import type { Expression, Item } from "@dynamoauth/core/internal"
import { LEAVING_ATTRIBUTE } from "../keys.js"
import { compileWhere, type Where } from "../where.js"
import { EXISTS } from "./claims.js"

/** The record is not being deleted (owners.ts); `#lv` names LEAVING_ATTRIBUTE. */
export const NOT_LEAVING = "attribute_not_exists(#lv)"
export const LEAVING_NAMES = { "#lv": LEAVING_ATTRIBUTE }

export interface RecordUpdate {
  /** The UpdateExpression; undefined when nothing changes. */
  update?: Expression
  guard: Expression
}

/**
 * `changes` are the attributes to set (undefined: remove); `increment` adds
 * to numbers. `snapshot` is the item as read: the where's clauses DynamoDB
 * cannot express compare against it (see compileWhere).
 */
export function recordUpdate(
  snapshot: Item,
  where: Where[],
  changes: Item,
  increment: Record<string, number>,
): RecordUpdate {
  const names: Record<string, string> = {}
  const values: Record<string, unknown> = {}
  const assign: string[] = []
  const remove: string[] = []
  const condition = compileWhere(where, snapshot)
  const guards: string[] = [EXISTS, NOT_LEAVING, condition.expression]
  // The guard declares every placeholder it uses: each expression is its own scope.
  const guardNames: Record<string, string> = { ...LEAVING_NAMES, ...condition.names }
  const guardValues: Record<string, unknown> = { ...condition.values }
  let n = 0
  for (const [field, value] of Object.entries(changes)) {
    const f = `#u${n}`
    names[f] = field
    if (value === undefined) remove.push(f)
    else {
      values[`:u${n}`] = value
      assign.push(`${f} = :u${n}`)
    }
    n++
  }
  for (const [field, delta] of Object.entries(increment)) {
    const f = `#u${n}`
    names[f] = field
    values[`:u${n}`] = delta
    if (typeof snapshot[field] === "number") {
      // Still a number: otherwise DynamoDB refuses the addition (the caller re-reads instead).
      assign.push(`${f} = ${f} + :u${n}`)
      guards.push(`attribute_type(${f}, :t${n})`)
      guardNames[f] = field
      guardValues[`:t${n}`] = "N"
    } else {
      // No number yet (missing or null): Better Auth counts from 0; exact only while it stays so.
      assign.push(`${f} = :u${n}`)
      guards.push(`(attribute_not_exists(${f}) OR attribute_type(${f}, :t${n}))`)
      guardNames[f] = field
      guardValues[`:t${n}`] = "NULL"
    }
    n++
  }
  const guard: Expression = {
    expression: guards.filter(Boolean).join(" AND "),
    names: guardNames,
    values: guardValues,
  }
  if (!assign.length && !remove.length) return { guard }
  const expression = [
    assign.length && `SET ${assign.join(", ")}`,
    remove.length && `REMOVE ${remove.join(", ")}`,
  ]
    .filter(Boolean)
    .join(" ")
  return { update: { expression, names, values }, guard }
}
