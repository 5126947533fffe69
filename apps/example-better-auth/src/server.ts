/**
 * The Node side: the app (Better Auth on the AWS SDK transport) behind Node's HTTP server on
 * 127.0.0.1, plus the dev inbox, which also takes the Worker's codes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { createNodeTransport } from "@dynamoauth/adapter-node"
import { createApp } from "./app.js"
import { createInbox } from "./dev-inbox.js"
import { htmlResponse } from "./html.js"

export interface NodeServerOptions {
  client: DynamoDBClient
  tableName: string
  /** Better Auth's secret: signs the session cookie. */
  secret: string
  port: number
  /** The Worker's origin, for the page's link. */
  workerUrl: string
}

export async function startNodeServer(options: NodeServerOptions) {
  const url = `http://localhost:${options.port}`
  const inbox = createInbox()
  const app = createApp(
    {
      transport: createNodeTransport(options.client),
      tableName: options.tableName,
      secret: options.secret,
      baseURL: url,
      sendCode: async (message) => inbox.deliver(message),
    },
    {
      runtime: "Node",
      other: { runtime: "the Cloudflare Worker", url: options.workerUrl },
      inboxUrl: `${url}/dev/inbox`,
    },
  )

  async function handle(request: Request): Promise<Response> {
    const { pathname, searchParams } = new URL(request.url)
    if (pathname !== "/dev/inbox") return app.fetch(request)
    if (request.method === "GET") return htmlResponse(inbox.page(searchParams.get("to")))
    // JSON only: a form on some other site cannot post here without a CORS preflight.
    if (request.headers.get("content-type") !== "application/json") {
      return new Response("Expected JSON", { status: 415 })
    }
    const { to, code } = (await request.json()) as { to?: unknown; code?: unknown }
    if (typeof to !== "string" || typeof code !== "string") {
      return new Response("Expected { to, code }", { status: 400 })
    }
    inbox.deliver({ to, code })
    return new Response(null, { status: 204 })
  }

  const server = createServer(async (req, res) => {
    try {
      await send(res, await handle(await toRequest(req, url)))
    } catch (error) {
      console.error("[example-better-auth]", error)
      res.writeHead(500).end("Internal error")
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port, "127.0.0.1", resolve)
  })
  return {
    url,
    auth: app.auth,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
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

async function send(res: ServerResponse, response: Response) {
  const headers: Record<string, string | string[]> = {}
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value
  })
  // Set-Cookie kept as separate values (Headers would join them with commas).
  const cookies = response.headers.getSetCookie()
  if (cookies.length) headers["set-cookie"] = cookies
  res.writeHead(response.status, headers)
  res.end(Buffer.from(await response.arrayBuffer()))
}
