import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo, Socket } from "node:net"
import { setTimeout as sleep } from "node:timers/promises"
import { serveControl } from "./control-routes.js"
import { CONTROL_PREFIX, type FaultProxyControls } from "./controls.js"
import { crc32 } from "./crc32.js"
import { serverErrorResponse, throttleResponse } from "./error-bodies.js"
import { type FaultKind, FaultPlan } from "./faults.js"
import { readBody, Upstream } from "./http-forward.js"
import { IndexLag } from "./index-lag.js"
import { splitBatch, withUnprocessed } from "./partial-batch.js"

export interface FaultProxyOptions {
  /** DynamoDB endpoint to forward to, e.g. DynamoDB Local's `http://127.0.0.1:8000`. */
  target: string
  /** Seed of the fault generator: the same seed and request order give the same faults. Default 1. */
  seed?: number
}

/** A running proxy: its controls (also reachable over HTTP, see remote-control.ts) and lifetime. */
export interface FaultProxy extends FaultProxyControls {
  /** `http://127.0.0.1:<port>`: point the client here instead of at the target. */
  endpoint: string
  /** Closes the proxy and every connection to it. */
  close(): Promise<void>
}

/** Operation name when a request carries no `X-Amz-Target`. */
const NO_TARGET = "(none)"

/**
 * Kept long so clients with their own keep-alive pools (the AWS SDK keeps sockets until the
 * server closes them) do not race an idle close; close() ends connections explicitly.
 */
const CLIENT_KEEP_ALIVE_MS = 120_000

const noInjections = (): Record<FaultKind, number> => ({
  throttle: 0,
  serverError: 0,
  reset: 0,
  resetAfterForward: 0,
  unprocessed: 0,
  delay: 0,
})

/**
 * Starts a loopback HTTP proxy in front of a DynamoDB endpoint that counts requests per operation
 * and can add latency, simulate index lag, and inject throttling, 5xx errors and connection
 * resets. Node only.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const upstream = new Upstream(options.target)
  const plan = new FaultPlan(options.seed ?? 1)
  const lag = new IndexLag()
  let counts: Record<string, number> = {}
  let injected = noInjections()
  let delayMs = 0

  const controls: FaultProxyControls = {
    counts: () => ({ ...counts }),
    total: () => Object.values(counts).reduce((sum, n) => sum + n, 0),
    resetCounts: () => {
      counts = {}
      injected = noInjections()
    },
    setDelay: (ms) => {
      if (!(ms >= 0)) throw new RangeError(`setDelay: ms must be >= 0, got ${ms}`)
      delayMs = ms
    },
    setIndexLag: (ms, keyNames) => lag.set(ms, keyNames),
    setFaults: (faults) => plan.set(faults),
    clearFaults: () => plan.clear(),
    injected: () => ({ ...injected }),
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req)
    if (req.url?.startsWith(CONTROL_PREFIX)) {
      const answer = serveControl(controls, req.url, body)
      send(res, answer.status, { "content-type": "application/json" }, answer.body)
      return
    }
    const operation = operationOf(req.headers["x-amz-target"])
    counts[operation] = (counts[operation] ?? 0) + 1

    const decision = plan.decide(operation)
    if (decision.delayMs > 0) injected.delay++
    const wait = delayMs + decision.delayMs
    if (wait > 0) await sleep(wait)
    // A client that gave up while we waited never got its request onto the wire.
    if (req.socket.destroyed) return

    if (decision.action === "reset") {
      injected.reset++
      reset(req.socket)
      return
    }
    if (decision.action === "throttle" || decision.action === "serverError") {
      injected[decision.action]++
      const fake =
        decision.action === "throttle" ? throttleResponse(plan.throttleType) : serverErrorResponse()
      send(res, fake.status, { "content-type": "application/x-amz-json-1.0" }, fake.body)
      return
    }

    const input = lag.active && lag.concerns(operation) ? parseJson(body) : undefined
    const split =
      decision.action === "unprocessed" ? splitBatch(operation, parseJson(body)) : undefined
    const forwarded = split ? Buffer.from(JSON.stringify(split.forwarded)) : body
    const headers = split
      ? { ...req.headers, "content-length": String(forwarded.length) }
      : req.headers
    let answer: Awaited<ReturnType<Upstream["send"]>>
    try {
      answer = await upstream.send(req.method ?? "POST", req.url ?? "/", headers, forwarded)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "unknown error"
      const message = `fault proxy: ${operation} could not reach the target: ${code}`
      send(res, 502, { "content-type": "application/json" }, JSON.stringify({ message }))
      return
    }

    let responseBody = answer.body
    if (input && answer.status >= 200 && answer.status < 300) {
      const now = Date.now()
      lag.recordWrite(operation, input, now)
      if (operation === "Query") {
        const output = parseJson(answer.body)
        const filtered = output && lag.filterQuery(input, output, now)
        if (filtered) {
          responseBody = Buffer.from(JSON.stringify(filtered))
          answer.headers["x-amz-crc32"] = String(crc32(responseBody))
        }
      }
    }

    if (split && answer.status === 200 && Object.keys(split.held).length > 0) {
      injected.unprocessed++
      responseBody = Buffer.from(JSON.stringify(withUnprocessed(split, parseJson(responseBody))))
      answer.headers["x-amz-crc32"] = String(crc32(responseBody))
      answer.headers["content-length"] = String(responseBody.length)
    }

    if (decision.action === "resetAfterForward") {
      injected.resetAfterForward++
      reset(req.socket)
      return
    }
    send(res, answer.status, answer.headers, responseBody)
  }

  const server = createServer({ keepAlive: true }, (req, res) => {
    handle(req, res).catch(() => {
      // The client went away mid-request (or sent garbage): nothing left to answer.
      req.socket.destroy()
    })
  })
  server.keepAliveTimeout = CLIENT_KEEP_ALIVE_MS
  server.on("clientError", (_error, socket) => socket.destroy())
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => resolve())
  })
  const { port } = server.address() as AddressInfo

  return {
    ...controls,
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      upstream.close()
      await closed
    },
  }
}

function operationOf(target: string | string[] | undefined): string {
  const value = Array.isArray(target) ? target[0] : target
  if (!value) return NO_TARGET
  const dot = value.lastIndexOf(".")
  return dot === -1 ? value : value.slice(dot + 1)
}

function parseJson(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString("utf8"))
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string | string[]>,
  body: string | Buffer,
): void {
  // The client may have hung up while we waited for the target.
  if (res.destroyed) return
  const bytes = typeof body === "string" ? Buffer.from(body) : body
  res.writeHead(status, { ...headers, "content-length": String(bytes.length) })
  res.end(bytes)
}

/** An RST rather than a FIN: what a client sees when a connection really breaks. */
function reset(socket: Socket): void {
  socket.resetAndDestroy()
}
