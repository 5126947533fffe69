import Link from "next/link"

export default async function CheckEmailPage(props: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await props.searchParams
  const inbox = email ? `/dev/inbox?to=${encodeURIComponent(email)}` : "/dev/inbox"
  return (
    <>
      <h1>Check your email</h1>
      <p>A sign-in link is on its way. It works once, for ten minutes.</p>
      <p>
        Running locally? Open the <Link href={inbox}>dev inbox</Link>.
      </p>
    </>
  )
}
