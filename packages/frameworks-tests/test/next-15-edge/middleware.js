/**
 * Next.js 15 middleware, on the Edge Runtime (Next 15's default): `/members` only for an active
 * database session, checked through adapter-edge (signed fetch; the AWS SDK does not run here).
 * Plain JavaScript so that the build needs no TypeScript set-up; the check is the example app's.
 */
import { DynamoDBAdapter, getActiveSession } from "@dynamoauth/adapter-edge"
import { NextResponse } from "next/server"

// Read at run time, once per isolate.
let adapter
function edgeAdapter() {
  adapter ??= DynamoDBAdapter(
    {
      region: process.env.AWS_REGION,
      endpoint: process.env.DYNAMODB_ENDPOINT,
      credentials: {
        accessKeyId: process.env.AWS_ACCESS_KEY_ID,
        secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
      },
      // The default (3 s, sized for edge functions) is too short on a loaded test machine.
      timeoutMs: 30_000,
    },
    { tableName: process.env.DYNAMOAUTH_TABLE },
  )
  return adapter
}

export async function middleware(request) {
  const runtime = typeof EdgeRuntime === "string" ? "edge" : "nodejs"
  const token = request.cookies.get("authjs.session-token")?.value
  const found = await getActiveSession(edgeAdapter(), token)
  if (!found) return NextResponse.json({ signedIn: false, runtime }, { status: 401 })
  const headers = new Headers(request.headers)
  headers.set(
    "x-checked-user",
    JSON.stringify({ id: found.user.id, email: found.user.email, runtime }),
  )
  return NextResponse.next({ request: { headers } })
}

export const config = { matcher: ["/members"] }
