"use client"

import { useRouter } from "next/navigation"
import { signIn } from "next-auth/webauthn"
import { useState } from "react"

export function RegisterPasskey() {
  const router = useRouter()
  const [state, setState] = useState<"idle" | "busy" | "done" | "failed">("idle")
  return (
    <p>
      <button
        type="button"
        disabled={state === "busy"}
        onClick={async () => {
          setState("busy")
          try {
            // With a session, the "register" action adds the passkey to the current user.
            await signIn("passkey", { action: "register", redirect: false })
            setState("done")
            router.refresh()
          } catch {
            setState("failed")
          }
        }}
      >
        Add a passkey
      </button>{" "}
      {state === "done" ? <span data-testid="passkey-added">Passkey added.</span> : null}
      {state === "failed" ? <span className="danger">The passkey was not added.</span> : null}
    </p>
  )
}
