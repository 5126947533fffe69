/**
 * Forwards `/worker/*` to the Cloudflare Worker (miniflare) so the Worker is on the same
 * host as the app and receives the app's session cookie. The Worker's address is only
 * known when the start script (or a test) launches it, hence `WORKER_URL` at run time
 * rather than a build-time rewrite.
 */
export const dynamic = "force-dynamic"

async function forward(request: Request): Promise<Response> {
  const target = process.env.WORKER_URL
  if (!target) return new Response("The Worker is not running (WORKER_URL unset)", { status: 503 })
  const url = new URL(request.url)
  const headers = new Headers(request.headers)
  headers.delete("host")
  const upstream = await fetch(new URL(url.pathname + url.search, target), {
    method: request.method,
    headers,
    body: request.method === "GET" || request.method === "HEAD" ? undefined : request.body,
    redirect: "manual",
    // Required by Node's fetch when streaming a request body.
    ...(request.body ? { duplex: "half" } : {}),
  } as RequestInit)
  const out = new Headers(upstream.headers)
  // fetch has already decoded the body, so these would describe bytes no longer sent.
  out.delete("content-encoding")
  out.delete("content-length")
  return new Response(upstream.body, { status: upstream.status, headers: out })
}

export { forward as GET, forward as POST }
