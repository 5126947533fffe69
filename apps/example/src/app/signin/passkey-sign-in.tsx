"use client"

import { signIn } from "next-auth/webauthn"
import { useState } from "react"

export function PasskeySignIn({ redirectTo }: { redirectTo: string }) {
  const [failed, setFailed] = useState(false)
  return (
    <>
      <button
        type="button"
        onClick={async () => {
          setFailed(false)
          try {
            await signIn("passkey", { redirectTo })
          } catch {
            // The browser throws when the user cancels or no passkey matches.
            setFailed(true)
          }
        }}
      >
        Sign in with a passkey
      </button>
      {failed ? <p className="danger">No passkey was used.</p> : null}
    </>
  )
}
