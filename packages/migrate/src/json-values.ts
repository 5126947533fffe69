/** AttributeValues as plain JSON for reports and checkpoint files. */
import type { AttributeMap, AttributeValue } from "@dynamoauth/core"

/** Readable JSON: strings, numbers as written, sets as arrays, binary as base64. */
export function toJsonValue(value: AttributeValue | undefined): unknown {
  if (value === undefined) return undefined
  if ("S" in value) return value.S
  if ("N" in value) return Number(value.N)
  if ("BOOL" in value) return value.BOOL
  if ("NULL" in value) return null
  if ("B" in value) return { base64: Buffer.from(value.B).toString("base64") }
  if ("SS" in value) return { set: value.SS }
  if ("NS" in value) return { set: value.NS.map(Number) }
  if ("BS" in value) return { set: value.BS.map((b) => Buffer.from(b).toString("base64")) }
  if ("L" in value) return value.L.map(toJsonValue)
  return Object.fromEntries(Object.entries(value.M).map(([k, v]) => [k, toJsonValue(v)]))
}

/** Lossless encoding of an AttributeMap (a key) for a JSON file: binary as base64. */
export function encodeKey(key: AttributeMap): unknown {
  return JSON.parse(
    JSON.stringify(key, (_name, value) =>
      value instanceof Uint8Array ? { $base64: Buffer.from(value).toString("base64") } : value,
    ),
  )
}

export function decodeKey(json: unknown): AttributeMap {
  return JSON.parse(JSON.stringify(json), (_name, value) =>
    value && typeof value === "object" && typeof value.$base64 === "string"
      ? new Uint8Array(Buffer.from(value.$base64, "base64"))
      : value,
  ) as AttributeMap
}
