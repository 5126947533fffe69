/**
 * Reading and comparing raw DynamoDB AttributeValues. The migration works on
 * items exactly as stored, so every attribute it does not change is written
 * back byte for byte (numbers keep their digits, sets stay sets).
 */
import type { AttributeMap, AttributeValue } from "@dynamoauth/core"

/** The string in an `S` value, or undefined for any other type. */
export function stringOf(value: AttributeValue | undefined): string | undefined {
  return value && "S" in value ? value.S : undefined
}

/** True for `{ NULL: true }` and for a missing attribute. */
export function isAbsent(value: AttributeValue | undefined): boolean {
  return value === undefined || "NULL" in value
}

/** Structural equality of two AttributeValues (sets compare without order). */
export function sameValue(a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b
  const [typeA] = Object.keys(a)
  const [typeB] = Object.keys(b)
  if (typeA !== typeB || typeA === undefined) return false
  const x = (a as any)[typeA]
  const y = (b as any)[typeA]
  switch (typeA) {
    case "S":
    case "BOOL":
    case "NULL":
      return x === y
    case "N":
      return x === y || Number(x) === Number(y)
    case "B":
      return sameBytes(x, y)
    case "SS":
    case "NS":
      return sameMembers(x.map(String), y.map(String))
    case "BS":
      return sameMembers(x.map(hex), y.map(hex))
    case "L":
      return x.length === y.length && x.every((v: AttributeValue, i: number) => sameValue(v, y[i]))
    case "M":
      return sameItem(x, y)
    default:
      return false
  }
}

export function sameItem(a: AttributeMap, b: AttributeMap): boolean {
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  return keys.every((key) => sameValue(a[key], b[key]))
}

function sameMembers(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false
  const set = new Set(a)
  return b.every((member) => set.has(member))
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i])
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("")
}

/**
 * Approximate stored size of an item in bytes (names + values), as DynamoDB
 * counts it for the 400 KB item limit and for write units.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 */
export function itemSize(item: AttributeMap): number {
  let size = 0
  for (const [name, value] of Object.entries(item)) size += utf8Length(name) + valueSize(value)
  return size
}

function valueSize(value: AttributeValue): number {
  if ("S" in value) return utf8Length(value.S)
  if ("N" in value) return Math.ceil(value.N.length / 2) + 1
  if ("B" in value) return value.B.length
  if ("BOOL" in value || "NULL" in value) return 1
  if ("SS" in value) return value.SS.reduce((n, s) => n + utf8Length(s), 0)
  if ("NS" in value) return value.NS.reduce((n, s) => n + Math.ceil(s.length / 2) + 1, 0)
  if ("BS" in value) return value.BS.reduce((n, b) => n + b.length, 0)
  if ("L" in value) return 3 + value.L.reduce((n, v) => n + 1 + valueSize(v), 0)
  return 3 + itemSize(value.M) + Object.keys(value.M).length
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8")
}
