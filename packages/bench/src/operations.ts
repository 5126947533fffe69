/**
 * Every adapter operation the bench measures. `prepare` writes what one call
 * needs, through the adapter under test (so each adapter finds its own item
 * layout), and returns the call; only the call is counted, timed and profiled.
 */
import {
  inDays,
  newAccount,
  newAuthenticator,
  newSession,
  newToken,
  newUser,
} from "@dynamoauth/testing/fixtures"
import type { FullAdapter, Target } from "./targets.js"

export interface Operation {
  name: string
  /** False for ours-only operations (passkeys, getAccount). */
  official: boolean
  prepare(target: Target): Promise<() => unknown>
}

const op = (
  name: string,
  prepare: (a: FullAdapter, target: Target) => Promise<() => unknown>,
  official = true,
): Operation => ({ name, official, prepare: (target) => prepare(target.make(), target) })

async function userWithAccount(a: FullAdapter) {
  const user = await a.createUser(newUser())
  const account = newAccount(user.id)
  await a.linkAccount(account)
  return { user, account }
}

/** A session created by `a`, which has therefore seen its token. */
async function userWithSession(a: FullAdapter) {
  const user = await a.createUser(newUser())
  const session = await a.createSession(newSession(user.id))
  return { user, session }
}

async function userWithAuthenticator(a: FullAdapter) {
  const user = await a.createUser(newUser())
  const authenticator = await a.createAuthenticator(newAuthenticator(user.id))
  return { user, authenticator }
}

/** Warm: the instance that created the session (and has read it once). Cold: a fresh instance. */
function sessionOperations(
  name: string,
  call: (a: FullAdapter, sessionToken: string) => unknown,
): Operation[] {
  return [
    op(`${name} (cold)`, async (a, target) => {
      const { session } = await userWithSession(a)
      const fresh = target.make()
      return () => call(fresh, session.sessionToken)
    }),
    op(`${name} (warm)`, async (a) => {
      const { session } = await userWithSession(a)
      await a.getSessionAndUser(session.sessionToken)
      return () => call(a, session.sessionToken)
    }),
  ]
}

export const OPERATIONS: readonly Operation[] = [
  op("createUser", async (a) => {
    const user = newUser()
    return () => a.createUser(user)
  }),
  op("getUser", async (a) => {
    const user = await a.createUser(newUser())
    return () => a.getUser(user.id)
  }),
  op("getUserByEmail", async (a) => {
    const user = await a.createUser(newUser())
    return () => a.getUserByEmail(user.email)
  }),
  op("getUserByAccount", async (a) => {
    const { account } = await userWithAccount(a)
    return () => a.getUserByAccount(account)
  }),
  op("updateUser", async (a) => {
    const user = await a.createUser(newUser())
    return () => a.updateUser({ id: user.id, name: "Augusta Ada King" })
  }),
  op("deleteUser (with an account and a session)", async (a) => {
    const { user } = await userWithAccount(a)
    await a.createSession(newSession(user.id))
    return () => a.deleteUser(user.id)
  }),
  op("linkAccount", async (a) => {
    const user = await a.createUser(newUser())
    const account = newAccount(user.id)
    return () => a.linkAccount(account)
  }),
  op("unlinkAccount", async (a) => {
    const { account } = await userWithAccount(a)
    return () => a.unlinkAccount(account)
  }),
  op(
    "getAccount",
    async (a) => {
      const { account } = await userWithAccount(a)
      return () => a.getAccount(account.providerAccountId, account.provider)
    },
    false,
  ),
  op("createSession", async (a) => {
    const user = await a.createUser(newUser())
    const session = newSession(user.id)
    return () => a.createSession(session)
  }),
  ...sessionOperations("getSessionAndUser", (a, token) => a.getSessionAndUser(token)),
  ...sessionOperations("updateSession", (a, token) =>
    a.updateSession({ sessionToken: token, expires: inDays(31) }),
  ),
  ...sessionOperations("deleteSession", (a, token) => a.deleteSession(token)),
  op("createVerificationToken", async (a) => {
    const token = newToken()
    return () => a.createVerificationToken(token)
  }),
  op("useVerificationToken", async (a) => {
    const token = await a.createVerificationToken(newToken())
    return () => a.useVerificationToken({ identifier: token!.identifier, token: token!.token })
  }),
  op(
    "createAuthenticator",
    async (a) => {
      const user = await a.createUser(newUser())
      const authenticator = newAuthenticator(user.id)
      return () => a.createAuthenticator(authenticator)
    },
    false,
  ),
  op(
    "getAuthenticator",
    async (a) => {
      const { authenticator } = await userWithAuthenticator(a)
      return () => a.getAuthenticator(authenticator.credentialID)
    },
    false,
  ),
  op(
    "listAuthenticatorsByUserId",
    async (a) => {
      const { user } = await userWithAuthenticator(a)
      return () => a.listAuthenticatorsByUserId(user.id)
    },
    false,
  ),
  op(
    "updateAuthenticatorCounter",
    async (a) => {
      const { authenticator } = await userWithAuthenticator(a)
      return () => a.updateAuthenticatorCounter(authenticator.credentialID, 1)
    },
    false,
  ),
]
