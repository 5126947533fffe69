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

/**
 * Serialises a request body, turning every `Uint8Array` into base64. (A
 * separate path for bodies without bytes saved about 2 % of a call's CPU but
 * cost 32 bytes of the Worker budget.)
 */
export function stringifyRequest(body: object): string {
  return JSON.stringify(body, (_key, value) =>
    value instanceof Uint8Array ? bytesToBase64(value) : value,
  )
}

/**
 * Parses a response body, turning `{ "B": "<base64>" }` and
 * `{ "BS": ["<base64>", …] }` back into bytes. The holder must have that one
 * key, so only AttributeValues match: nowhere else does DynamoDB put a string
 * (or a list of strings) under a key named `B` or `BS`. A walk after a plain
 * parse, not a reviver: a reviver makes JSON.parse several times slower, about
 * 5 % of a warm session check's CPU in workerd.
 */
export function parseResponse(text: string): Record<string, any> {
  return text === "" ? {} : reviveBytes(JSON.parse(text))
}

function reviveBytes(value: any): any {
  if (typeof value !== "object" || value === null) return value
  const keys = Object.keys(value)
  const inner = keys.length === 1 ? value[keys[0]!] : undefined
  if (keys[0] === "B" && typeof inner === "string") value.B = base64ToBytes(inner)
  else if (keys[0] === "BS" && Array.isArray(inner) && inner.every((v) => typeof v === "string")) {
    value.BS = inner.map(base64ToBytes)
  } else for (const key of keys) value[key] = reviveBytes(value[key])
  return value
}
