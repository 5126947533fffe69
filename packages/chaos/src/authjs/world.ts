/**
 * Runs a history of user actions through Auth.js adapter instances the way Auth.js calls them,
 * and keeps the ledger the checker judges by: every call with its logical start and end (the
 * gate lets one request on the wire at a time, so these order calls exactly), what each create
 * and delete answered. Reads are judged as they answer; the table is judged at the end
 * (table-checks.ts).
 *
 * A call is only judged on what had answered before it started: a token is used, a session
 * checked, only after its create answered (Auth.js mails the link and sets the cookie then),
 * and something counts as gone only once its delete answered.
 */
import type { Adapter } from "@auth/core/adapters"
import type { Gate } from "../gate.js"
import { add, check, errorCode, type Tally } from "../tally.js"
import {
  type Action,
  type AuthjsKind,
  CREDENTIALS,
  describeAction,
  EMAILS,
  PROVIDER_ACCOUNTS,
} from "./history.js"

type Method<F> = F extends (...args: infer A) => infer R
  ? (...args: A) => Promise<Awaited<R>>
  : never

/** Every adapter method present, each returning a Promise (as both adapters' do). */
export type FullAdapter = { [K in keyof Adapter]-?: Method<NonNullable<Adapter[K]>> }

type Result<T> =
  | { ok: true; value: T; start: number; end: number }
  | { ok: false; error: unknown; start: number; end: number }

interface Actor {
  userId?: string
  sessions: string[]
  /** Magic links this person opened: identifier and token. */
  links: { identifier: string; token: string }[]
}

interface Span {
  userId: string
  start: number
  end?: number
  ok?: boolean
}

export const emailOf = (slot: number) => `person${slot % EMAILS}@chaos.test`
export const accountOf = (slot: number) => ({
  provider: slot % 2 === 0 ? "github" : "google",
  providerAccountId: `acct${slot % PROVIDER_ACCOUNTS}`,
})
export const credentialOf = (slot: number) => `cred${slot % CREDENTIALS}`
const inDays = (days: number) => new Date(Math.floor(Date.now() / 1000 + days * 86_400) * 1000)

export class AuthjsWorld {
  clock = 0
  private tokens = 0
  readonly actors: Actor[]
  /** Users created by an answered createUser; deletedAt: end of an answered deleteUser. */
  readonly users = new Map<string, { deletedAt?: number }>()
  /** createUser calls that failed, by email: each may have created a user nobody knows. */
  readonly failedCreates: Record<string, number> = {}
  readonly sessions = new Map<
    string,
    { userId: string; created?: boolean; deleteTried?: boolean; deletedAt?: number }
  >()
  /** Per provider account ("provider|id"): link and unlink calls. */
  readonly accounts = new Map<string, { links: Span[]; unlinks: Span[] }>()
  readonly verificationTokens = new Map<string, { uses: number }>()

  constructor(
    private readonly instances: FullAdapter[],
    private readonly gate: Gate,
    private readonly tally: Tally,
    actorCount: number,
  ) {
    this.actors = Array.from({ length: actorCount }, () => ({ sessions: [], links: [] }))
  }

  /** Each person acts in order; people act at once, interleaved by the scheduler. */
  async run(history: Action<AuthjsKind>[]): Promise<void> {
    const perActor = this.actors.map((_, i) => history.filter((a) => a.actor === i))
    await Promise.all(
      perActor.map(async (actions) => {
        for (const action of actions) {
          await this.gate.turn(describeAction(action))
          await this.act(action)
        }
      }),
    )
  }

  private async call<T>(
    kind: string,
    instance: number,
    fn: (adapter: FullAdapter) => Promise<T>,
  ): Promise<Result<T>> {
    const start = ++this.clock
    add(this.tally.ops, kind)
    try {
      const value = await fn(this.instances[instance]!)
      return { ok: true, value, start, end: ++this.clock }
    } catch (error) {
      add(this.tally.errors, errorCode(error))
      return { ok: false, error, start, end: ++this.clock }
    }
  }

  private newToken(prefix: string) {
    return `${prefix}-${++this.tokens}`
  }

  // ---- what counts as gone -------------------------------------------------------------

  userGoneBefore(userId: string, t: number): boolean {
    const deletedAt = this.users.get(userId)?.deletedAt
    return deletedAt !== undefined && deletedAt < t
  }

  sessionGoneBefore(token: string, t: number): boolean {
    const session = this.sessions.get(token)
    if (!session) return false
    return (
      (session.deletedAt !== undefined && session.deletedAt < t) ||
      this.userGoneBefore(session.userId, t)
    )
  }

  /**
   * The account was taken off `userId` by an unlink that answered before `t`, and no link of it to
   * `userId` could have landed after that unlink (none was still unanswered when it started).
   */
  accountGoneBefore(key: string, userId: string, t: number): boolean {
    if (this.userGoneBefore(userId, t)) return true
    const record = this.accounts.get(key)
    if (!record) return false
    return record.unlinks.some(
      (u) =>
        u.ok &&
        u.userId === userId &&
        u.end! < t &&
        !record.links.some((l) => l.userId === userId && (l.end === undefined || l.end > u.start)),
    )
  }

  private accountRecord(key: string) {
    const record = this.accounts.get(key) ?? { links: [], unlinks: [] }
    this.accounts.set(key, record)
    return record
  }

  // ---- live checks on what a read returned ---------------------------------------------

  private checkUser(user: { id: string } | null | undefined, start: number, what: string) {
    if (!user) return
    check(
      this.tally,
      !this.userGoneBefore(user.id, start),
      "no deleted user returned",
      () => `${what} returned a user whose deleteUser had answered`,
    )
  }

  // ---- actions -------------------------------------------------------------------------

  private async act(action: Action<AuthjsKind>): Promise<void> {
    const actor = this.actors[action.actor]!
    const { on, other, slot } = action
    switch (action.kind) {
      case "emailSignIn":
        return this.emailSignIn(actor, on, other, emailOf(slot))
      case "reuseLink": {
        const link = actor.links[slot % Math.max(1, actor.links.length)]
        if (link) await this.useToken(link.identifier, link.token, on)
        return
      }
      case "oauthSignIn":
        return this.oauthSignIn(actor, on, slot, emailOf(action.other))
      case "unlink": {
        if (!actor.userId) return
        const { provider, providerAccountId } = accountOf(slot)
        const key = `${provider}|${providerAccountId}`
        const span: Span = { userId: actor.userId, start: this.clock + 1 }
        const r = await this.call("unlinkAccount", on, (a) =>
          a.unlinkAccount({ provider, providerAccountId }),
        )
        // Only an unlink that answered with the account says whose it was.
        const unlinked = r.ok ? (r.value as { userId?: string } | undefined) : undefined
        if (unlinked?.userId) {
          this.accountRecord(key).unlinks.push({
            ...span,
            userId: unlinked.userId,
            end: r.end,
            ok: true,
          })
        }
        return
      }
      case "passkeyRegister": {
        if (!actor.userId) return
        const credentialID = credentialOf(slot)
        await this.call("createAuthenticator", on, (a) =>
          a.createAuthenticator({
            credentialID,
            userId: actor.userId!,
            providerAccountId: credentialID,
            credentialPublicKey: "cHVibGljLWtleQ",
            counter: 0,
            credentialDeviceType: "singleDevice",
            credentialBackedUp: false,
            transports: "internal",
          }),
        )
        return
      }
      case "passkeySignIn": {
        const credentialID = credentialOf(slot)
        const found = await this.call("getAuthenticator", on, (a) =>
          a.getAuthenticator(credentialID),
        )
        if (!found.ok || !found.value) return
        const { userId, counter } = found.value
        check(
          this.tally,
          !this.userGoneBefore(userId, found.start),
          "no deleted user returned",
          () => "getAuthenticator returned a passkey of a user whose deleteUser had answered",
        )
        const bumped = await this.call("updateAuthenticatorCounter", on, (a) =>
          a.updateAuthenticatorCounter(credentialID, counter + 1),
        )
        if (!bumped.ok) return
        const user = await this.call("getUser", on, (a) => a.getUser(userId))
        if (!user.ok || !user.value) return
        this.checkUser(user.value, user.start, "getUser")
        await this.startSession(actor, user.value.id, on)
        return
      }
      case "listPasskeys": {
        const userId = actor.userId
        if (!userId) return
        const r = await this.call("listAuthenticatorsByUserId", on, (a) =>
          a.listAuthenticatorsByUserId(userId),
        )
        if (!r.ok) return
        check(
          this.tally,
          r.value.every((p) => p.userId === userId),
          "one user per passkey credential",
          () => "listAuthenticatorsByUserId returned a passkey of another user",
        )
        if (r.value.length) {
          check(
            this.tally,
            !this.userGoneBefore(userId, r.start),
            "no deleted user returned",
            () =>
              "listAuthenticatorsByUserId returned passkeys of a user whose deleteUser had answered",
          )
        }
        return
      }
      case "sessionCheck": {
        const token = actor.sessions[slot % Math.max(1, actor.sessions.length)]
        if (!token) return
        const r = await this.call("getSessionAndUser", on, (a) => a.getSessionAndUser(token))
        if (!r.ok) return
        this.checkSession(token, r.value, r.start, "getSessionAndUser")
        if (r.value) {
          const owner = this.sessions.get(token)!.userId
          check(
            this.tally,
            r.value.session.userId === owner && r.value.user.id === owner,
            "sessions belong to their user",
            () => "getSessionAndUser returned another user's session or user",
          )
          this.checkUser(r.value.user, r.start, "getSessionAndUser")
        }
        return
      }
      case "refresh": {
        const token = actor.sessions[slot % Math.max(1, actor.sessions.length)]
        if (!token) return
        const r = await this.call("updateSession", on, (a) =>
          a.updateSession({ sessionToken: token, expires: inDays(30) }),
        )
        if (r.ok) this.checkSession(token, r.value, r.start, "updateSession")
        return
      }
      case "signOut": {
        const token = actor.sessions[slot % Math.max(1, actor.sessions.length)]
        if (token) await this.deleteSession(actor, token, on)
        return
      }
      case "signOutEverywhere":
        for (const token of [...actor.sessions]) await this.deleteSession(actor, token, on)
        return
      case "changeEmail": {
        const userId = actor.userId
        if (!userId) return
        const email = emailOf(slot)
        const r = await this.call("updateUser", on, (a) => a.updateUser({ id: userId, email }))
        if (r.ok) this.checkUser(r.value, r.start, "updateUser")
        return
      }
      case "lookupEmail": {
        const email = emailOf(slot)
        const r = await this.call("getUserByEmail", on, (a) => a.getUserByEmail(email))
        if (!r.ok || !r.value) return
        check(
          this.tally,
          r.value.email === email,
          "lookups return what was looked up",
          () => "getUserByEmail returned a user with another email",
        )
        this.checkUser(r.value, r.start, "getUserByEmail")
        return
      }
      case "getUser": {
        const userId = actor.userId
        if (!userId) return
        const r = await this.call("getUser", on, (a) => a.getUser(userId))
        if (r.ok) this.checkUser(r.value, r.start, "getUser")
        return
      }
      case "deleteUser": {
        const userId = actor.userId
        if (!userId) return
        const r = await this.call("deleteUser", on, (a) => a.deleteUser(userId))
        if (r.ok) {
          const user = this.users.get(userId)
          if (user) user.deletedAt ??= r.end
          actor.userId = undefined
          actor.sessions = []
        }
        return
      }
    }
  }

  private checkSession(token: string, value: unknown, start: number, what: string) {
    if (!value) return
    check(
      this.tally,
      !this.sessionGoneBefore(token, start),
      "no deleted session returned",
      () => `${what} returned a session whose delete (or its user's) had answered`,
    )
  }

  /** Auth.js's email provider: token created, link opened (maybe on another server), user found or created, session. */
  private async emailSignIn(actor: Actor, on: number, other: number, email: string) {
    const token = this.newToken("vt")
    this.verificationTokens.set(`${email}|${token}`, { uses: 0 })
    const created = await this.call("createVerificationToken", on, (a) =>
      a.createVerificationToken({ identifier: email, token, expires: inDays(1) }),
    )
    if (!created.ok) return
    actor.links.push({ identifier: email, token })
    if (!(await this.useToken(email, token, other))) return
    const found = await this.call("getUserByEmail", other, (a) => a.getUserByEmail(email))
    if (!found.ok) return
    this.checkUser(found.value, found.start, "getUserByEmail")
    const user = found.value ?? (await this.createUser(email, other))
    if (user) await this.startSession(actor, user.id, other)
  }

  private async useToken(identifier: string, token: string, on: number): Promise<boolean> {
    const r = await this.call("useVerificationToken", on, (a) =>
      a.useVerificationToken({ identifier, token }),
    )
    if (!r.ok || !r.value) return false
    const record = this.verificationTokens.get(`${identifier}|${token}`)
    check(
      this.tally,
      record !== undefined && r.value.identifier === identifier && r.value.token === token,
      "every verification token used at most once",
      () => "useVerificationToken returned a token that was never created",
    )
    if (record) {
      record.uses++
      check(
        this.tally,
        record.uses === 1,
        "every verification token used at most once",
        () => `useVerificationToken returned one token ${record.uses} times`,
      )
    }
    return true
  }

  private async createUser(email: string, on: number, emailVerified: Date | null = new Date()) {
    const r = await this.call("createUser", on, (a) =>
      a.createUser({ id: "", email, emailVerified }),
    )
    if (!r.ok) {
      add(this.failedCreates, email)
      return undefined
    }
    this.users.set(r.value.id, {})
    return r.value
  }

  /** Auth.js's OAuth callback: known account → session; signed in → link; else new user, link, session. */
  private async oauthSignIn(actor: Actor, on: number, slot: number, email: string) {
    const account = accountOf(slot)
    const key = `${account.provider}|${account.providerAccountId}`
    const found = await this.call("getUserByAccount", on, (a) => a.getUserByAccount(account))
    if (!found.ok) return
    if (found.value) {
      this.checkUser(found.value, found.start, "getUserByAccount")
      check(
        this.tally,
        !this.accountGoneBefore(key, found.value.id, found.start) &&
          (this.accounts.get(key)?.links.some((l) => l.userId === found.value!.id) ?? false),
        "no deleted account returned",
        () => "getUserByAccount returned a user the account was never linked to, or unlinked from",
      )
      await this.startSession(actor, found.value.id, on)
      return
    }
    let userId = actor.userId
    if (!userId) {
      // Without dangerous email linking, an email that already has a user is refused.
      const byEmail = await this.call("getUserByEmail", on, (a) => a.getUserByEmail(email))
      if (!byEmail.ok || byEmail.value) return
      userId = (await this.createUser(email, on, null))?.id
      if (!userId) return
    }
    const span: Span = { userId, start: this.clock + 1 }
    this.accountRecord(key).links.push(span)
    const linked = await this.call("linkAccount", on, (a) =>
      a.linkAccount({ ...account, userId: userId!, type: "oauth", access_token: "chaos-access" }),
    )
    span.end = linked.end
    span.ok = linked.ok
    if (linked.ok && !actor.userId) await this.startSession(actor, userId, on)
  }

  private async startSession(actor: Actor, userId: string, on: number) {
    const sessionToken = this.newToken("session")
    this.sessions.set(sessionToken, { userId })
    const r = await this.call("createSession", on, (a) =>
      a.createSession({ sessionToken, userId, expires: inDays(30) }),
    )
    this.sessions.get(sessionToken)!.created = r.ok
    if (!r.ok) return
    actor.userId = userId
    actor.sessions.push(sessionToken)
  }

  private async deleteSession(actor: Actor, token: string, on: number) {
    const session = this.sessions.get(token)!
    session.deleteTried = true
    const r = await this.call("deleteSession", on, (a) => a.deleteSession(token))
    if (!r.ok) return
    session.deletedAt ??= r.end
    actor.sessions = actor.sessions.filter((t) => t !== token)
  }
}
