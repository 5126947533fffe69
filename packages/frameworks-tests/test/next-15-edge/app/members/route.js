// Serves only what the middleware checked: it sets the header or answers 401 itself.
export const dynamic = "force-dynamic"

export function GET(request) {
  const user = JSON.parse(request.headers.get("x-checked-user") ?? "null")
  return Response.json({ signedIn: true, user }, { headers: { "cache-control": "no-store" } })
}
