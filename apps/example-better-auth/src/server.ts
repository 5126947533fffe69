/**
 * The whole app: Better Auth (email and password) on dynamoauth's DynamoDB
 * adapter, served by Node's HTTP server. `/api/auth/*` is Better Auth's own
 * handler; `/` is one page that signs up, signs in and signs out through it.
 */
import { createServer as createHttpServer, type IncomingMessage } from "node:http"
import type { AddressInfo } from "node:net"
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { dynamoAuthBetterAuth } from "@dynamoauth/better-auth/node"
import { betterAuth } from "better-auth"
import { page } from "./page.js"

export interface AppOptions {
  /** DynamoDB's endpoint (DynamoDB Local's), e.g. `http://127.0.0.1:8000`. */
  endpoint: string
  tableName: string
  /** Better Auth's secret: signs the session cookie. */
  secret: string
  /** 0 picks a free port. */
  port: number
}

export async function startApp(options: AppOptions) {
  const client = new DynamoDBClient({
    endpoint: options.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  })
  let origin = ""
  const auth = () =>
    betterAuth({
      baseURL: origin,
      secret: options.secret,
      database: dynamoAuthBetterAuth({ client, tableName: options.tableName }),
      // DynamoDB TTL deletes expired verifications; Better Auth's clean-up query would scan.
      verification: { disableCleanup: true },
      // The adapter reads a session and its user in one request.
      advanced: { database: { joins: true } },
      emailAndPassword: { enabled: true },
    })
  let instance: ReturnType<typeof auth> | undefined

  const server = createHttpServer(async (req, res) => {
    try {
      const request = await toRequest(req, origin)
      const url = new URL(request.url)
      const response = url.pathname.startsWith("/api/auth/")
        ? await instance!.handler(request)
        : url.pathname === "/"
          ? await home(request)
          : new Response("Not found", { status: 404 })
      res.writeHead(response.status, Object.fromEntries(headerEntries(response.headers)))
      res.end(Buffer.from(await response.arrayBuffer()))
    } catch (error) {
      console.error("[example-better-auth]", error)
      res.writeHead(500).end("Internal error")
    }
  })

  async function home(request: Request) {
    const session = await instance!.api.getSession({ headers: request.headers })
    return new Response(page(session?.user ?? null), {
      headers: { "content-type": "text/html; charset=utf-8" },
    })
  }

  await new Promise<void>((resolve) => server.listen(options.port, "127.0.0.1", resolve))
  origin = `http://localhost:${(server.address() as AddressInfo).port}`
  instance = auth()
  return {
    url: origin,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      client.destroy()
    },
  }
}

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value)
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v)
  }
  const body = chunks.length ? Buffer.concat(chunks) : undefined
  return new Request(new URL(req.url ?? "/", origin), {
    method: req.method ?? "GET",
    headers,
    ...(body && req.method !== "GET" && req.method !== "HEAD" ? { body } : {}),
  })
}

/** Response headers for Node, Set-Cookie kept as separate values. */
function headerEntries(headers: Headers): [string, string | string[]][] {
  const out: [string, string | string[]][] = []
  headers.forEach((value, name) => {
    if (name !== "set-cookie") out.push([name, value])
  })
  const cookies = headers.getSetCookie()
  if (cookies.length) out.push(["set-cookie", cookies])
  return out
}
