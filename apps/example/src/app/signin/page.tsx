import { redirect } from "next/navigation"
import { auth, signIn } from "@/auth"
import { PasskeySignIn } from "./passkey-sign-in"

// Auth.js sends `error` back to the sign-in page; say what went wrong without details.
const ERRORS: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one.",
  WebAuthnVerificationError: "The passkey could not be verified.",
}

export default async function SignInPage(props: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>
}) {
  const { callbackUrl, error } = await props.searchParams
  const redirectTo = safeCallback(callbackUrl)
  if (await auth()) redirect(redirectTo)

  async function sendLink(form: FormData) {
    "use server"
    const email = String(form.get("email") ?? "")
      .trim()
      .toLowerCase()
    // No redirect from inside signIn: it would send the browser through Auth.js's
    // /api/auth/verify-request hop, which the App Router cannot follow from a server action.
    await signIn("email", { email, redirectTo, redirect: false })
    redirect(`/signin/check-email?email=${encodeURIComponent(email)}`)
  }

  return (
    <>
      <h1>Sign in</h1>
      {error ? (
        <p className="danger" role="alert">
          {ERRORS[error] ?? "Sign-in failed. Try again."}
        </p>
      ) : null}
      <section>
        <h2>Magic link</h2>
        <form action={sendLink}>
          <input name="email" type="email" required placeholder="you@example.com" />{" "}
          <button type="submit">Email me a link</button>
        </form>
        <p className="note">In development the link goes to the dev inbox and the console.</p>
      </section>
      <section>
        <h2>Passkey</h2>
        <PasskeySignIn redirectTo={redirectTo} />
        <p className="note">Add a passkey on your account page after signing in by email.</p>
      </section>
    </>
  )
}

// Only same-origin paths: an open redirect would let a link send users anywhere.
function safeCallback(url: string | undefined): string {
  return url?.startsWith("/") && !url.startsWith("//") ? url : "/account"
}
