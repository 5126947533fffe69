import type { Metadata } from "next"
import Link from "next/link"
import type { ReactNode } from "react"
import { auth } from "@/auth"
import "./globals.css"

export const metadata: Metadata = {
  title: "dynamoauth example",
  description: "Auth.js with database sessions in DynamoDB, on Node and in a Cloudflare Worker",
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await auth()
  return (
    <html lang="en">
      <body>
        <header>
          <nav>
            <Link href="/">Home</Link>
            <Link href="/account">Account</Link>
            <Link href="/dev/inbox">Dev inbox</Link>
            {session?.user ? (
              <>
                <span className="who" data-testid="signed-in-as">
                  {session.user.email ?? session.user.name ?? "signed in"}
                </span>
                <Link href="/signout">Sign out</Link>
              </>
            ) : (
              <Link className="who" href="/signin">
                Sign in
              </Link>
            )}
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  )
}
