/**
 * The development inbox: sign-in codes kept in the Node server's memory (and printed on its
 * console) instead of being mailed. The Worker delivers its codes here too, by POST. It is for
 * running the example locally: anyone who can open the page can sign in as anyone.
 */
import { escapeHtml, layout } from "./html.js"

export interface InboxMessage {
  to: string
  code: string
  sentAt: Date
}

// Enough for a demo and a test run; older codes fall off so the process cannot grow forever.
const MAX_MESSAGES = 200

export function createInbox() {
  const messages: InboxMessage[] = []
  return {
    deliver(message: { to: string; code: string }) {
      messages.unshift({ ...message, to: message.to.toLowerCase(), sentAt: new Date() })
      messages.length = Math.min(messages.length, MAX_MESSAGES)
      // The local demo's substitute for a mail server: printing the code is its purpose.
      console.log(`[dev inbox] sign-in code for ${message.to}: ${message.code}`)
    },
    page(to?: string | null): string {
      const wanted = to?.trim().toLowerCase()
      const list = messages.filter((m) => !wanted || m.to === wanted)
      const items = list
        .map(
          (m) =>
            `<li data-testid="inbox-message" data-to="${escapeHtml(m.to)}"><strong>${escapeHtml(m.to)}</strong>:
             sign-in code <code data-testid="code">${escapeHtml(m.code)}</code> (${m.sentAt.toISOString()})</li>`,
        )
        .join("\n")
      return layout(
        "Dev inbox",
        `<h1>Dev inbox</h1>
<p class="note">Mail the example would have sent, kept in the Node server's memory. Newest first.</p>
${list.length ? `<ul>${items}</ul>` : "<p>No mail yet.</p>"}
<p><a href="/">Back</a></p>`,
      )
    },
  }
}

export type Inbox = ReturnType<typeof createInbox>
