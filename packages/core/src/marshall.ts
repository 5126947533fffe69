/**
 * JS values ⇄ DynamoDB AttributeValues: the one implementation every transport
 * uses, so each runtime stores byte-identical items for the same input.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html
 */
import { DynamoAuthError } from "./errors.js"

/** One DynamoDB attribute value in DynamoDB JSON, binary as `Uint8Array`. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: Uint8Array }
  | { BOOL: boolean }
  | { NULL: true }
  | { M: AttributeMap }
  | { L: AttributeValue[] }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: Uint8Array[] }

/** An item (or key) in DynamoDB JSON: attribute name → value. */
export type AttributeMap = Record<string, AttributeValue>

/** Converts a JS value; `undefined` (also inside maps and lists) is dropped. */
export function marshall(value: unknown, path = "value"): AttributeValue | undefined {
  const type = typeof value
  if (value === undefined) return undefined
  if (value === null) return { NULL: true }
  if (type === "string") return { S: value as string }
  if (type === "boolean") return { BOOL: value as boolean }
  if (type === "bigint" || (type === "number" && Number.isFinite(value)))
    return { N: String(value) }
  if (type !== "object") {
    throw invalid(
      path,
      type === "number" ? `${value} is not a storable number` : `a ${type} cannot be stored`,
    )
  }
  if (value instanceof Date) return { S: value.toISOString() }
  const binary = toBytes(value)
  if (binary) return { B: binary }
  if (Array.isArray(value)) {
    return { L: value.flatMap((element, i) => marshall(element, `${path}[${i}]`) ?? []) }
  }
  if (value instanceof Set) return marshallSet([...value], path)
  return { M: marshallEntries(value as object, path) }
}

export function marshallEntries(object: object, path: string): AttributeMap {
  const map: AttributeMap = {}
  for (const [key, element] of Object.entries(object)) {
    // Strings, most attributes, without building the path an error needs.
    const converted =
      typeof element === "string" ? { S: element } : marshall(element, `${path}.${key}`)
    if (converted) map[key] = converted
  }
  return map
}

function marshallSet(values: unknown[], path: string): AttributeValue {
  const converted = values.map((v, i) => marshall(v, `${path}[${i}]`))
  const type = converted[0] && Object.keys(converted[0])[0]
  if (!converted.length) throw invalid(path, "an empty Set cannot be stored")
  if (!["S", "N", "B"].includes(type!) || converted.some((v) => !v || !(type! in v))) {
    throw invalid(path, "a Set must hold only strings, only numbers or only binary values")
  }
  return {
    [`${type}S`]: converted.map((v) => (v as Record<string, unknown>)[type!]),
  } as AttributeValue
}

function toBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof ArrayBuffer) return new Uint8Array(value)
  if (ArrayBuffer.isView(value))
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
  return undefined
}

/** Converts a plain object to an AttributeMap (an item). */
export function marshallItem(object: Record<string, unknown>): AttributeMap {
  return marshallEntries(object, "item")
}

/** Converts an AttributeValue back to a JS value. */
export function unmarshall(value: AttributeValue, path = "value"): unknown {
  let type = ""
  for (type in value) break
  const v = (value as Record<string, any>)[type]
  switch (type) {
    case "N":
      return parseNumber(v, path)
    case "NULL":
      return null
    case "M":
      return unmarshallItem(v, path)
    case "L":
      return v.map((element: AttributeValue, i: number) => unmarshall(element, `${path}[${i}]`))
    case "NS":
      return new Set(v.map((n: string) => parseNumber(n, path)))
    case "SS":
    case "BS":
      return new Set(v)
    default:
      return v // S, B, BOOL
  }
}

export function unmarshallItem(item: AttributeMap, path = "item"): Record<string, unknown> {
  const object: Record<string, unknown> = {}
  for (const key in item) {
    const value = item[key]!
    // Most attributes are strings: taken as they are, without building the path an error needs.
    object[key] = "S" in value ? value.S : unmarshall(value, `${path}.${key}`)
  }
  return object
}

/**
 * DynamoDB numbers have up to 38 digits; a JS number has about 17. A number
 * comes back as a `number` when that is exact, an integer that is not comes
 * back as a `bigint`, and anything else throws rather than lose digits.
 */
export function parseNumber(text: string, path = "value"): number | bigint {
  const number = Number(text)
  if (significantDigits(String(number)) === significantDigits(text)) return number
  if (/^[-+]?\d+$/.test(text)) return BigInt(text)
  throw new DynamoAuthError({
    code: "PRECISION_LOSS",
    operation: "unmarshall",
    message: `${path} holds a number with more digits than a JS number has`,
  })
}

/**
 * The digits that carry the value, without sign, point, exponent or leading and
 * trailing zeros: "1.50", "15e-1" and "0.015" all give "15". Comparing those of
 * the text and of the parsed number is enough, since parsing rounds to the
 * nearest number: when the digits survive, so does the magnitude.
 */
const significantDigits = (text: string) => text.replace(/e.*|\D/gi, "").replace(/^0+|0+$/g, "")

function invalid(path: string, problem: string) {
  return new DynamoAuthError({
    code: "INVALID_INPUT",
    operation: "marshall",
    message: `${path}: ${problem}`,
  })
}
