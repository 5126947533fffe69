/**
 * CRC-32 (IEEE) of a byte string. DynamoDB sends `x-amz-crc32` over the response body and some
 * SDKs verify it, so a response body the proxy rewrites gets a fresh checksum.
 * (zlib.crc32 would do, but only from Node 20.15; the workspace supports 20.9.)
 */
const TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}
