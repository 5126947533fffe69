import { signOut } from "@/auth"

export default function SignOutPage() {
  async function doSignOut() {
    "use server"
    await signOut({ redirectTo: "/" })
  }
  return (
    <>
      <h1>Sign out</h1>
      <form action={doSignOut}>
        <button type="submit">Sign out of this browser</button>
      </form>
    </>
  )
}
