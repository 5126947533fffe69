/**
 * DynamoDB's JSON protocol carries binary attribute values (`B`, `BS`) as
 * base64 strings, while the transport seam speaks `Uint8Array`. Only Web APIs
 * (atob/btoa) are used so this runs unchanged in workerd, browsers and Node.
 */

// String.fromCharCode(...bytes) overflows the call stack on large arrays, so
// bytes are converted in slices of this many.
const CHAR_CODE_CHUNK = 0x8000

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ""
  for (let start = 0; start < bytes.length; start += CHAR_CODE_CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHAR_CODE_CHUNK))
  }
  return btoa(binary)
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** True when `value` holds a `Uint8Array` anywhere. */
const hasBytes = (value: any): boolean =>
  value instanceof Uint8Array || (value instanceof Object && Object.values(value).some(hasBytes))

/**
 * Serialises a request body, turning every `Uint8Array` into base64. Most
 * requests hold no bytes: they skip the replacer, which costs a call per value.
 */
export function stringifyRequest(body: object): string {
  if (!hasBytes(body)) return JSON.stringify(body)
  return JSON.stringify(body, (_key, value) =>
    value instanceof Uint8Array ? bytesToBase64(value) : value,
  )
}

/**
 * Parses a response body, turning `{ "B": "<base64>" }` and
 * `{ "BS": ["<base64>", …] }` back into bytes. The holder must have that one
 * key, so only AttributeValues match: nowhere else does DynamoDB put a string
 * (or a list of strings) under a key named `B` or `BS`.
 */
export function parseResponse(text: string): Record<string, any> {
  if (text === "") return {}
  // Without the key `"B"` or `"BS"` nothing needs reviving, and the reviver's call per value is
  // skipped. Inside a JSON string a quote is escaped, so a value never fakes a key here.
  if (!/"BS?"/.test(text)) return JSON.parse(text)
  return JSON.parse(text, function revive(this: Record<string, unknown>, key, value) {
    if (key !== "B" && key !== "BS") return value
    if (Object.keys(this).length !== 1) return value
    if (key === "B" && typeof value === "string") return base64ToBytes(value)
    if (key === "BS" && Array.isArray(value) && value.every((v) => typeof v === "string")) {
      return value.map(base64ToBytes)
    }
    return value
  })
}
