/**
 * JS values ⇄ DynamoDB AttributeValues: the one implementation every transport
 * uses, so each runtime stores byte-identical items for the same input.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html
 */
import { DynamoAuthError } from "./errors.js"

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

export type AttributeMap = Record<string, AttributeValue>

/** Converts a JS value; `undefined` (also inside maps and lists) is dropped. */
export function marshall(value: unknown, path = "value"): AttributeValue | undefined {
  switch (typeof value) {
    case "undefined":
      return undefined
    case "string":
      return { S: value }
    case "boolean":
      return { BOOL: value }
    case "bigint":
      return { N: value.toString() }
    case "number":
      if (!Number.isFinite(value))
        throw invalid(path, `${value} cannot be stored as a DynamoDB number`)
      return { N: String(value) }
    case "object":
      return marshallObject(value, path)
    default:
      throw invalid(path, `a ${typeof value} cannot be stored`)
  }
}

function marshallObject(value: object | null, path: string): AttributeValue {
  if (value === null) return { NULL: true }
  if (value instanceof Date) return { S: value.toISOString() }
  const binary = toBytes(value)
  if (binary) return { B: binary }
  if (Array.isArray(value)) {
    const list: AttributeValue[] = []
    value.forEach((element, i) => {
      const converted = marshall(element, `${path}[${i}]`)
      if (converted) list.push(converted)
    })
    return { L: list }
  }
  if (value instanceof Set) return marshallSet(value, path)
  if (value instanceof Map) {
    return {
      M: marshallEntries(
        [...value.entries()].map(([k, v]) => [String(k), v]),
        path,
      ),
    }
  }
  return { M: marshallEntries(Object.entries(value), path) }
}

function marshallEntries(entries: [string, unknown][], path: string): AttributeMap {
  const map: AttributeMap = {}
  for (const [key, element] of entries) {
    const converted = marshall(element, `${path}.${key}`)
    if (converted) map[key] = converted
  }
  return map
}

function marshallSet(set: Set<unknown>, path: string): AttributeValue {
  const values = [...set]
  if (values.length === 0) throw invalid(path, "an empty Set cannot be stored in DynamoDB")
  if (values.every((v) => typeof v === "string")) return { SS: values as string[] }
  if (values.every((v) => typeof v === "number" || typeof v === "bigint")) {
    return { NS: values.map((v, i) => (marshall(v, `${path}[${i}]`) as { N: string }).N) }
  }
  const bytes = values.map((v) => (typeof v === "object" && v !== null ? toBytes(v) : undefined))
  if (bytes.every((b) => b !== undefined)) return { BS: bytes as Uint8Array[] }
  throw invalid(path, "a Set must hold only strings, only numbers or only binary values")
}

function toBytes(value: object): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value
  if (value instanceof ArrayBuffer) return new Uint8Array(value)
  if (ArrayBuffer.isView(value))
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
  return undefined
}

/** Converts a plain object to an AttributeMap (an item). */
export function marshallItem(object: Record<string, unknown>): AttributeMap {
  return marshallEntries(Object.entries(object), "item")
}

/** Converts an AttributeValue back to a JS value. */
export function unmarshall(value: AttributeValue, path = "value"): unknown {
  if ("S" in value) return value.S
  if ("N" in value) return parseNumber(value.N, path)
  if ("BOOL" in value) return value.BOOL
  if ("NULL" in value) return null
  if ("B" in value) return value.B
  if ("M" in value) return unmarshallItem(value.M, path)
  if ("L" in value) return value.L.map((element, i) => unmarshall(element, `${path}[${i}]`))
  if ("SS" in value) return new Set(value.SS)
  if ("NS" in value) return new Set(value.NS.map((n) => parseNumber(n, path)))
  if ("BS" in value) return new Set(value.BS)
  throw invalid(path, `unknown AttributeValue type ${Object.keys(value).join(",")}`)
}

export function unmarshallItem(item: AttributeMap, path = "item"): Record<string, unknown> {
  const object: Record<string, unknown> = {}
  for (const key of Object.keys(item)) {
    object[key] = unmarshall(item[key]!, `${path}.${key}`)
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
  if (canonicalDecimal(String(number)) === canonicalDecimal(text)) return number
  if (/^[-+]?\d+$/.test(text)) return BigInt(text)
  throw new DynamoAuthError({
    code: "PRECISION_LOSS",
    operation: "unmarshall",
    message: `${path} holds the number ${text}, which a JS number cannot represent exactly`,
  })
}

/** Sign, significant digits and exponent, so "1.50", "15e-1" and "1.5" compare equal. */
function canonicalDecimal(text: string): string {
  const match = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(text.trim())
  if (!match) return text
  const [, sign = "", whole = "", fraction = "", exponent = "0"] = match
  let digits = whole + fraction
  let power = Number(exponent) - fraction.length
  const leading = digits.length - digits.replace(/^0+/, "").length
  digits = digits.slice(leading)
  if (digits === "") return "0"
  const trimmed = digits.replace(/0+$/, "")
  power += digits.length - trimmed.length
  return `${sign === "-" ? "-" : ""}${trimmed}e${power}`
}

function invalid(path: string, problem: string) {
  return new DynamoAuthError({
    code: "INVALID_INPUT",
    operation: "marshall",
    message: `${path}: ${problem}`,
  })
}
