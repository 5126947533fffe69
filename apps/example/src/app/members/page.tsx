import { headers } from "next/headers"
import { CHECKED_USER_HEADER, type CheckedUser } from "@/lib/checked-user"

export const dynamic = "force-dynamic"

/**
 * Protected by the proxy (src/proxy.ts), not by this page: it renders only the user the proxy
 * found in the table.
 */
export default async function MembersPage() {
  const checked = (await headers()).get(CHECKED_USER_HEADER)
  const user = checked ? (JSON.parse(checked) as CheckedUser) : null
  return (
    <>
      <h1>Members</h1>
      <p>
        This page is protected by the Next.js proxy: before the page runs, the proxy looked up your
        database session with <code>getActiveSession</code> from{" "}
        <code>@dynamoauth/adapter-node</code> (an expired session does not pass).
      </p>
      <p>
        Checked user: <strong data-testid="members-email">{user?.email}</strong> (
        <code data-testid="members-user-id">{user?.id}</code>), checked on the{" "}
        <code data-testid="members-runtime">{user?.runtime}</code> runtime.
      </p>
    </>
  )
}
