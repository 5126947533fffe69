import { headers } from "next/headers"
import { EDGE_USER_HEADER, type EdgeCheckedUser } from "@/lib/edge-checked-user"

export const dynamic = "force-dynamic"

/**
 * Protected by the edge middleware (src/middleware.ts), not by this page: it renders only the
 * user the middleware found in the table.
 */
export default async function MembersPage() {
  const checked = (await headers()).get(EDGE_USER_HEADER)
  const user = checked ? (JSON.parse(checked) as EdgeCheckedUser) : null
  return (
    <>
      <h1>Members</h1>
      <p>
        This page is protected in Next.js middleware on the edge runtime: the middleware looked up
        your database session with <code>@dynamoauth/adapter-edge</code>.
      </p>
      <p>
        Checked user: <strong data-testid="members-email">{user?.email}</strong> (
        <code data-testid="members-user-id">{user?.id}</code>), checked on the{" "}
        <code data-testid="members-runtime">{user?.runtime}</code> runtime.
      </p>
    </>
  )
}
