/**
 * The development mailbox: magic links are kept in this server process (and printed to the
 * console) instead of being sent by SMTP. Kept on `globalThis` because Next.js may load this
 * module once per route bundle, and every bundle must see the same inbox.
 */
export interface InboxMessage {
  id: string
  to: string
  subject: string
  url: string
  sentAt: Date
  expires: Date
}

// Enough for a demo and a test run; older mails fall off so the process cannot grow forever.
const MAX_MESSAGES = 200

const store = globalThis as typeof globalThis & { __dynamoauthInbox?: InboxMessage[] }

function messages(): InboxMessage[] {
  store.__dynamoauthInbox ??= []
  return store.__dynamoauthInbox
}

export function deliver(message: Omit<InboxMessage, "id" | "sentAt">): InboxMessage {
  const stored = { ...message, id: crypto.randomUUID(), sentAt: new Date() }
  const list = messages()
  list.unshift(stored)
  list.length = Math.min(list.length, MAX_MESSAGES)
  return stored
}

/** Newest first; only one recipient's mail when `to` is given. */
export function listInbox(to?: string): InboxMessage[] {
  const wanted = to?.trim().toLowerCase()
  return messages().filter((m) => !wanted || m.to === wanted)
}
