import { readFile } from "node:fs/promises"

/** TCP state code of a listening socket in /proc/net/tcp{,6}. */
const TCP_LISTEN = "0A"

/**
 * The local addresses of the sockets listening on `port`, read from Linux's /proc/net/tcp and
 * tcp6 (no external tool needed). IPv4 as "a.b.c.d", IPv6 as eight lowercase hex groups.
 */
export async function listeningAddresses(port: number): Promise<string[]> {
  const found: string[] = []
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const text = await readFile(file, "utf8")
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/)
      const local = fields[1]
      if (!local || fields[3] !== TCP_LISTEN) continue
      const [hexAddress = "", hexPort = ""] = local.split(":")
      if (Number.parseInt(hexPort, 16) !== port) continue
      found.push(hexAddress.length === 8 ? decodeIPv4(hexAddress) : decodeIPv6(hexAddress))
    }
  }
  return found
}

// The kernel prints each 32-bit word in host (little-endian) byte order.
function wordBytes(hexWord: string): number[] {
  const bytes = hexWord.match(/../g)!.map((byte) => Number.parseInt(byte, 16))
  return bytes.reverse()
}

function decodeIPv4(hex: string): string {
  return wordBytes(hex).join(".")
}

function decodeIPv6(hex: string): string {
  const bytes = hex.match(/.{8}/g)!.flatMap(wordBytes)
  const groups: string[] = []
  for (let i = 0; i < 16; i += 2) {
    groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16))
  }
  return groups.join(":")
}

/** True for 127.0.0.1, its IPv4-mapped IPv6 form, or ::1. */
export function isLoopback(address: string): boolean {
  return (
    address.startsWith("127.") ||
    address === "0:0:0:0:0:ffff:7f00:1" ||
    address === "0:0:0:0:0:0:0:1"
  )
}
