/**
 * The end of a history, judged from the table itself: every item is accounted for by the ledger
 * (no orphans, nothing a delete that answered should have removed), uniqueness holds among live
 * items, and nothing blocks a future write: every email, provider account and passkey no live
 * user holds can be taken by a new user, through a fault-free instance of the same adapter.
 */
import { ITEM_TYPE } from "@dynamoauth/core"
import { check, type Tally } from "../tally.js"
import { CREDENTIALS, EMAILS, PROVIDER_ACCOUNTS } from "./history.js"
import { type AuthjsWorld, accountOf, credentialOf, emailOf, type FullAdapter } from "./world.js"

type Item = Record<string, unknown>

const after = (value: unknown, prefix: string) =>
  typeof value === "string" && value.startsWith(prefix) ? value.slice(prefix.length) : undefined

export async function checkAuthjsTable(
  world: AuthjsWorld,
  items: Item[],
  tally: Tally,
  probe: FullAdapter | undefined,
): Promise<void> {
  const at = new Map(items.map((item) => [`${item.pk}|${item.sk}`, item]))
  const userExists = (id: unknown) => at.has(`USER#${id}|USER#${id}`)
  const end = world.clock + 1
  const orphan = (ok: boolean, what: () => string) =>
    check(tally, ok, "every item accounted for (no orphans)", what)
  const emailsHeld = new Map<string, number>()
  const accountsHeld = new Map<string, number>()
  const credentialsHeld = new Map<string, number>()

  for (const item of items) {
    const owner = after(item.pk, "USER#")
    const sort = String(item.sk)
    // A user whose deleteUser failed part-way is still there (marked as leaving).
    if (item.type === ITEM_TYPE.user || item.type === ITEM_TYPE.userLeaving) {
      const known = world.users.get(String(item.id))
      if (known) {
        check(
          tally,
          known.deletedAt === undefined,
          "deleteUser leaves nothing",
          () => "a user item remains after its deleteUser answered",
        )
      } else {
        orphan(
          (world.failedCreates[String(item.email)] ?? 0) > 0,
          () => "a user item no createUser could have written",
        )
      }
      if (typeof item.email === "string")
        emailsHeld.set(item.email, (emailsHeld.get(item.email) ?? 0) + 1)
    } else if (owner !== undefined && owner !== "" && sort !== `USER#${owner}`) {
      // Something in a user's partition: a session, an account or a passkey.
      const kind = sort.split("#")[0]
      const deleted = world.users.get(owner)?.deletedAt !== undefined
      check(
        tally,
        !deleted,
        "deleteUser leaves nothing",
        () => `a ${kind} remains in the partition of a user whose deleteUser answered`,
      )
      if (!deleted) orphan(userExists(owner), () => `a ${kind} of a user that does not exist`)
      if (item.type === ITEM_TYPE.session) {
        const token = String(item.sessionToken)
        const session = world.sessions.get(token)
        orphan(session !== undefined, () => "a session no createSession wrote")
        check(
          tally,
          session?.deletedAt === undefined,
          "no deleted session returned",
          () => "a session remains after its deleteSession answered",
        )
      } else if (kind === "ACCOUNT") {
        const key = `${item.provider}|${item.providerAccountId}`
        check(
          tally,
          !world.accountGoneBefore(key, owner, end),
          "no deleted account returned",
          () => "an account remains after its unlinkAccount answered",
        )
        if (userExists(owner)) accountsHeld.set(key, (accountsHeld.get(key) ?? 0) + 1)
      } else if (item.type === ITEM_TYPE.authenticator) {
        const id = String(item.credentialID)
        if (userExists(owner)) credentialsHeld.set(id, (credentialsHeld.get(id) ?? 0) + 1)
      } else orphan(false, () => `an item of unknown kind ${kind} in a user's partition`)
    } else if (item.type === ITEM_TYPE.verificationToken) {
      const record = world.verificationTokens.get(`${item.identifier}|${item.token}`)
      orphan(record !== undefined, () => "a verification token no call wrote")
      check(
        tally,
        (record?.uses ?? 0) === 0,
        "every verification token used at most once",
        () => "a verification token remains after it was used",
      )
    } else if (item.type === ITEM_TYPE.emailClaim) {
      const email = after(item.pk, "EMAIL#")
      const user = at.get(`USER#${item.userId}|USER#${item.userId}`)
      orphan(user?.email === email, () => "an email claim whose user does not hold that email")
    } else if (item.type === ITEM_TYPE.accountClaim) {
      const holds = items.some(
        (i) =>
          i.pk === `USER#${item.userId}` &&
          after(i.sk, "ACCOUNT#") !== undefined &&
          `ACCOUNT#${escapePart(i.provider)}#${escapePart(i.providerAccountId)}` === item.pk,
      )
      orphan(holds, () => "an account claim whose user does not hold that account")
    } else if (item.type === ITEM_TYPE.credentialClaim) {
      orphan(
        at.has(`USER#${item.userId}|${item.pk}`),
        () => "a passkey claim whose user does not hold that passkey",
      )
    } else if (item.type === ITEM_TYPE.sessionPointer) {
      const token = after(item.pk, "SESSION#")!
      const session = world.sessions.get(token)
      // deleteSession leaves the pointer to its TTL by design: it leads only to an absent session.
      orphan(
        session !== undefined &&
          (at.has(`USER#${session.userId}|SESSION#${token}`) ||
            session.deleteTried === true ||
            session.created !== true),
        () => "a session pointer left by neither a deleteSession nor a failed createSession",
      )
    } else orphan(false, () => `an item of unknown type ${String(item.type)}`)
  }

  for (const [, n] of emailsHeld)
    check(tally, n <= 1, "one user per email", () => `${n} users hold one email`)
  for (const [, n] of accountsHeld)
    check(
      tally,
      n <= 1,
      "one user per provider account",
      () => `${n} users hold one provider account`,
    )
  for (const [, n] of credentialsHeld)
    check(tally, n <= 1, "one user per passkey credential", () => `${n} users hold one passkey`)

  if (probe) await probeFreeValues(probe, tally, emailsHeld, accountsHeld, credentialsHeld)
}

/** A claim's key part: `%` and `#` escaped, as core's keys.ts writes them. */
const escapePart = (value: unknown) => String(value).replaceAll("%", "%25").replaceAll("#", "%23")

/** Every value no live user holds can be taken now (no stale claim refuses it). */
async function probeFreeValues(
  probe: FullAdapter,
  tally: Tally,
  emails: Map<string, number>,
  accounts: Map<string, number>,
  credentials: Map<string, number>,
) {
  /** Why a probe's write failed, or nothing: a violation says whether a claim refused it. */
  const refusal = (write: Promise<unknown>) =>
    write.then(
      () => undefined,
      (error: { name?: string; code?: string }) => error?.code ?? error?.name ?? String(error),
    )
  const blocked = (what: string, why: string | undefined) => () =>
    `a new user could not take a free ${what} (${why})`
  for (let slot = 0; slot < EMAILS; slot++) {
    const email = emailOf(slot)
    if (emails.has(email)) continue
    const why = await refusal(probe.createUser({ id: "", email, emailVerified: null }))
    check(tally, why === undefined, "nothing blocks a future write", blocked("email", why))
  }
  for (let slot = 0; slot < PROVIDER_ACCOUNTS * 2; slot++) {
    const account = accountOf(slot)
    if (accounts.has(`${account.provider}|${account.providerAccountId}`)) continue
    const user = await probe.createUser({ id: "", email: null as never, emailVerified: null })
    const why = await refusal(probe.linkAccount({ ...account, userId: user.id, type: "oauth" }))
    accounts.set(`${account.provider}|${account.providerAccountId}`, 1)
    check(
      tally,
      why === undefined,
      "nothing blocks a future write",
      blocked("provider account", why),
    )
  }
  for (let slot = 0; slot < CREDENTIALS && probe.createAuthenticator; slot++) {
    const credentialID = credentialOf(slot)
    if (credentials.has(credentialID)) continue
    const user = await probe.createUser({ id: "", email: null as never, emailVerified: null })
    const why = await refusal(
      probe.createAuthenticator({
        credentialID,
        userId: user.id,
        providerAccountId: credentialID,
        credentialPublicKey: "cHVibGljLWtleQ",
        counter: 0,
        credentialDeviceType: "singleDevice",
        credentialBackedUp: false,
      }),
    )
    check(tally, why === undefined, "nothing blocks a future write", blocked("passkey", why))
  }
}
