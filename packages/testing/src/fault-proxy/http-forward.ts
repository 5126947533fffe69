import { Agent, type IncomingHttpHeaders, type IncomingMessage, request } from "node:http"

/** Headers that describe one connection, not the message: never copied across the proxy. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
])

/**
 * Idle upstream sockets are dropped after this long: below Jetty's 30 s idle timeout, so the
 * proxy never sends on a socket DynamoDB Local is closing.
 */
const UPSTREAM_IDLE_MS = 10_000

export function withoutHopByHop(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const copy: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) copy[name] = value
  }
  return copy
}

export function readBody(message: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    message.on("data", (chunk: Buffer) => chunks.push(chunk))
    message.on("end", () => resolve(Buffer.concat(chunks)))
    message.on("error", reject)
    message.on("aborted", () => reject(new Error("request aborted")))
  })
}

export interface UpstreamResponse {
  status: number
  headers: Record<string, string | string[]>
  body: Buffer
}

/** Sends one buffered request to `target` over a keep-alive agent and buffers the answer. */
export class Upstream {
  private readonly agent = new Agent({ keepAlive: true, timeout: UPSTREAM_IDLE_MS })
  private readonly url: URL

  constructor(target: string) {
    this.url = new URL(target)
    if (this.url.protocol !== "http:") {
      throw new Error(`startFaultProxy: target must be an http:// URL, got ${this.url.protocol}`)
    }
  }

  send(
    method: string,
    path: string,
    headers: IncomingHttpHeaders,
    body: Buffer,
  ): Promise<UpstreamResponse> {
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          agent: this.agent,
          hostname: this.url.hostname,
          port: this.url.port,
          method,
          path,
          // Host stays the client's: SigV4 signs it (DynamoDB Local does not check).
          headers: { ...withoutHopByHop(headers), "content-length": String(body.length) },
        },
        (incoming) => {
          readBody(incoming).then(
            (responseBody) =>
              resolve({
                status: incoming.statusCode ?? 502,
                headers: withoutHopByHop(incoming.headers),
                body: responseBody,
              }),
            reject,
          )
        },
      )
      outgoing.on("error", reject)
      outgoing.end(body)
    })
  }

  close(): void {
    this.agent.destroy()
  }
}
