/**
 * Runs a history through Better Auth's real handler, one server per instance, each on
 * @dynamoauth/better-auth over its own transport and fault proxy, and keeps the ledger the
 * checker judges by (as authjs/world.ts does for Auth.js): users from sign-ups that answered,
 * sessions from the tokens sign-ups and sign-ins answered with, and when a sign-out, a revoke or
 * a delete-user answered, and the addresses each user may hold (its sign-up's, and each one a
 * change-email of it asked for). A session is only checked with a cookie its sign-in answered with.
 */
import { type BetterAuthHandler, callBetterAuth } from "@dynamoauth/testing/better-auth-handler"
import type { Action } from "../authjs/history.js"
import type { Gate } from "../gate.js"
import { add, check, type Tally } from "../tally.js"

export const BETTER_AUTH_KINDS = [
  "signUp",
  "signUp",
  "signIn",
  "signIn",
  "sessionCheck",
  "sessionCheck",
  "listSessions",
  "signOut",
  "revokeSessions",
  "changeEmail",
  "deleteUser",
] as const
export type BetterAuthKind = (typeof BETTER_AUTH_KINDS)[number]

export const BA_EMAILS = 3
export const baEmailOf = (slot: number) => `member${slot % BA_EMAILS}@chaos.test`
/** One password per email: people sharing an email are one person on two devices. */
export const passwordOf = (email: string) => `${email}-correct-horse-battery`

interface Actor {
  sessions: { token: string; cookie: string; userId: string }[]
  /** The address of the person's browser (the rate limiter counts per address). */
  ip: string
}

export class BetterAuthWorld {
  clock = 0
  readonly actors: Actor[]
  readonly users = new Map<string, { deletedAt?: number; emails: Set<string> }>()
  /** Sign-ups that failed, by email: each may have made a user nobody knows. */
  readonly failedSignUps: Record<string, number> = {}
  readonly sessions = new Map<string, { userId: string; createdEnd: number; goneAt?: number }>()

  constructor(
    private readonly servers: BetterAuthHandler[],
    private readonly gate: Gate,
    private readonly tally: Tally,
    actorCount: number,
  ) {
    this.actors = Array.from({ length: actorCount }, (_, i) => ({
      sessions: [],
      ip: `192.0.2.${i + 1}`,
    }))
  }

  async run(history: Action<BetterAuthKind>[]): Promise<void> {
    const perActor = this.actors.map((_, i) => history.filter((a) => a.actor === i))
    await Promise.all(
      perActor.map(async (actions) => {
        for (const action of actions) {
          await this.gate.turn(`a${action.actor} ${action.kind}@${action.on} #${action.slot}`)
          await this.act(action)
        }
      }),
    )
  }

  private async call(
    kind: string,
    actor: Actor,
    on: number,
    path: string,
    init: { body?: unknown; cookie?: string } = {},
  ) {
    const start = ++this.clock
    add(this.tally.ops, kind)
    const server = this.servers[on]!
    const withAddress: BetterAuthHandler = {
      handler: (request) => {
        const headers = new Headers(request.headers)
        headers.set("x-forwarded-for", actor.ip)
        return server.handler(new Request(request, { headers }))
      },
    }
    try {
      const reply = await callBetterAuth(withAddress, path, init)
      if (reply.status >= 400) add(this.tally.errors, `HTTP ${reply.status}`)
      return { ...reply, start, end: ++this.clock }
    } catch {
      add(this.tally.errors, "thrown")
      return { status: 0, json: null, cookie: "", start, end: ++this.clock }
    }
  }

  userGoneBefore(userId: string, t: number): boolean {
    const at = this.users.get(userId)?.deletedAt
    return at !== undefined && at < t
  }

  sessionGoneBefore(token: string, t: number): boolean {
    const session = this.sessions.get(token)
    return session?.goneAt !== undefined && session.goneAt < t
  }

  /** Every session of `userId` whose sign-in answered before `start` is gone at `end`. */
  private endSessionsOf(userId: string, start: number, end: number) {
    for (const session of this.sessions.values()) {
      if (session.userId === userId && session.createdEnd < start) session.goneAt ??= end
    }
  }

  private signedIn(
    actor: Actor,
    email: string,
    reply: { json: any; cookie: string; end: number; start: number },
  ) {
    const token = reply.json?.token
    const userId = reply.json?.user?.id
    if (typeof token !== "string" || typeof userId !== "string" || !reply.cookie) return
    check(
      this.tally,
      reply.json.user.email === email,
      "lookups return what was looked up",
      () => "a sign-in answered with a user of another email",
    )
    // A user made by a sign-up whose answer was lost is known from here on.
    if (!this.users.has(userId)) this.users.set(userId, { emails: new Set([email]) })
    check(
      this.tally,
      !this.userGoneBefore(userId, reply.start),
      "no deleted user returned",
      () => "a sign-in answered with a user whose delete-user had answered",
    )
    this.sessions.set(token, { userId, createdEnd: reply.end })
    actor.sessions.push({ token, cookie: reply.cookie, userId })
  }

  private async act(action: Action<BetterAuthKind>): Promise<void> {
    const actor = this.actors[action.actor]!
    const { on, slot } = action
    const session = actor.sessions[slot % Math.max(1, actor.sessions.length)]
    switch (action.kind) {
      case "signUp": {
        const email = baEmailOf(slot)
        const reply = await this.call("sign-up", actor, on, "/sign-up/email", {
          body: { email, password: passwordOf(email), name: "Chaos Member" },
        })
        if (reply.status === 200 && reply.json?.user?.id) {
          this.users.set(reply.json.user.id, { emails: new Set([email]) })
          this.signedIn(actor, email, reply)
        } else if (reply.status === 0 || reply.status >= 500) {
          add(this.failedSignUps, email)
        }
        return
      }
      case "signIn": {
        const email = baEmailOf(slot)
        const reply = await this.call("sign-in", actor, on, "/sign-in/email", {
          body: { email, password: passwordOf(email) },
        })
        if (reply.status === 200) this.signedIn(actor, email, reply)
        return
      }
      case "sessionCheck": {
        if (!session) return
        const reply = await this.call("get-session", actor, on, "/get-session", {
          cookie: session.cookie,
        })
        if (reply.status !== 200 || !reply.json) return
        check(
          this.tally,
          !this.sessionGoneBefore(session.token, reply.start),
          "no deleted session returned",
          () => "get-session returned a session whose sign-out, revoke or delete-user had answered",
        )
        check(
          this.tally,
          reply.json.user?.id === session.userId && reply.json.session?.userId === session.userId,
          "sessions belong to their user",
          () => "get-session returned another user's session or user",
        )
        return
      }
      case "listSessions": {
        if (!session) return
        const reply = await this.call("list-sessions", actor, on, "/list-sessions", {
          cookie: session.cookie,
        })
        if (reply.status !== 200 || !Array.isArray(reply.json)) return
        for (const listed of reply.json as { token?: string; userId?: string }[]) {
          check(
            this.tally,
            listed.userId === session.userId,
            "sessions belong to their user",
            () => "list-sessions returned another user's session",
          )
          check(
            this.tally,
            !(listed.token && this.sessionGoneBefore(listed.token, reply.start)),
            "no deleted session returned",
            () =>
              "list-sessions returned a session whose sign-out, revoke or delete-user had answered",
          )
        }
        return
      }
      case "signOut": {
        if (!session) return
        const reply = await this.call("sign-out", actor, on, "/sign-out", {
          body: {},
          cookie: session.cookie,
        })
        if (reply.status === 200) {
          const record = this.sessions.get(session.token)
          if (record) record.goneAt ??= reply.end
          actor.sessions = actor.sessions.filter((s) => s !== session)
        }
        return
      }
      case "revokeSessions": {
        if (!session) return
        const reply = await this.call("revoke-sessions", actor, on, "/revoke-sessions", {
          body: {},
          cookie: session.cookie,
        })
        if (reply.status === 200) {
          this.endSessionsOf(session.userId, reply.start, reply.end)
          actor.sessions = actor.sessions.filter((s) => s.userId !== session.userId)
        }
        return
      }
      case "changeEmail": {
        if (!session) return
        const newEmail = baEmailOf(action.other)
        // Asked for: the user may hold it from now on, whatever the answer.
        this.users.get(session.userId)?.emails.add(newEmail)
        await this.call("change-email", actor, on, "/change-email", {
          body: { newEmail },
          cookie: session.cookie,
        })
        return
      }
      case "deleteUser": {
        if (!session) return
        const reply = await this.call("delete-user", actor, on, "/delete-user", {
          body: {},
          cookie: session.cookie,
        })
        if (reply.status === 200) {
          const user = this.users.get(session.userId)
          if (user) user.deletedAt ??= reply.end
          this.endSessionsOf(session.userId, reply.start, reply.end)
          actor.sessions = actor.sessions.filter((s) => s.userId !== session.userId)
        }
        return
      }
    }
  }
}
