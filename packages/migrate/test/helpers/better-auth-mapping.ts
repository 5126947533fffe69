/** The context and call the Better Auth mapping's tests share. */
import { createKeys, resolveTableOptions } from "@dynamoauth/core"
import { createLayout, marshallItem } from "@dynamoauth/core/internal"
import { type SessionsMode, toBetterAuth } from "../../src/to-better-auth/mapping.js"

export const NOW = new Date("2026-01-01T00:00:00.000Z")
export const STAMP = NOW.toISOString()
export const LATER = 1_900_000_000 // 2030-03-17T17:46:40Z
export const LATER_ISO = "2030-03-17T17:46:40.000Z"

export function context(names: Record<string, string> = {}, sessions: SessionsMode = "keep") {
  const keys = createKeys(resolveTableOptions(names))
  return { keys, layout: createLayout(keys), sessions, now: NOW }
}

export const map = (item: Record<string, unknown>, ctx = context()) => {
  const { items, changes, problems, skipped, model } = toBetterAuth(marshallItem(item), ctx)
  return { model, items, changes, problems, skipped }
}
