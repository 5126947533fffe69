"use server"

import { cookies } from "next/headers"
import { redirect } from "next/navigation"
import { auth } from "@/auth"
import { nodeAdapter } from "@/lib/node-adapter"
import { SESSION_COOKIES } from "@/lib/session-cookie"
import { listUserItems } from "@/lib/user-items"

/** Ends every session of the signed-in user, this browser's included. */
export async function signOutEverywhere(): Promise<void> {
  const userId = (await auth())?.user?.id
  if (!userId) redirect("/signin")
  const { sessions } = await listUserItems(userId)
  await Promise.all(sessions.map((s) => nodeAdapter().deleteSession(s.sessionToken)))
  await clearSessionCookie()
  redirect("/signin")
}

/** Deletes the user with everything that belongs to it, then forgets this browser's session. */
export async function deleteAccount(form: FormData): Promise<void> {
  const userId = (await auth())?.user?.id
  if (!userId) redirect("/signin")
  if (form.get("confirm") !== "on") redirect("/account")
  await nodeAdapter().deleteUser(userId)
  await clearSessionCookie()
  redirect("/")
}

async function clearSessionCookie(): Promise<void> {
  const jar = await cookies()
  for (const name of SESSION_COOKIES) jar.delete(name)
}
