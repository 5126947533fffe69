/**
 * What users do to an Auth.js app, as fast-check draws it: each action names the person doing it,
 * the server (adapter instance) it reaches, a second server (where a magic link is opened) and a
 * slot in the small shared pools of emails, provider accounts and passkeys, so that people collide
 * on them as real ones do.
 */
import fc from "fast-check"

export const ACTORS = 4
export const INSTANCES = 8
export const EMAILS = 3
export const PROVIDER_ACCOUNTS = 3
export const CREDENTIALS = 2

/** Kinds of action; some appear twice to be drawn twice as often. */
export const AUTHJS_KINDS = [
  "emailSignIn",
  "emailSignIn",
  "emailSignIn",
  "reuseLink",
  "oauthSignIn",
  "oauthSignIn",
  "unlink",
  "passkeyRegister",
  "passkeySignIn",
  "listPasskeys",
  "sessionCheck",
  "sessionCheck",
  "refresh",
  "signOut",
  "signOutEverywhere",
  "changeEmail",
  "lookupEmail",
  "getUser",
  // Deleting while others sign in as the same user is where ordering bugs hide.
  "deleteUser",
  "deleteUser",
  "deleteUser",
] as const

export type AuthjsKind = (typeof AUTHJS_KINDS)[number]

/** Passkey actions, left out for adapters without passkey support (the official one). */
export const PASSKEY_KINDS: ReadonlySet<AuthjsKind> = new Set([
  "passkeyRegister",
  "passkeySignIn",
  "listPasskeys",
])

export interface Action<K extends string = string> {
  actor: number
  kind: K
  on: number
  other: number
  slot: number
}

export function actionArbitrary<K extends string>(kinds: readonly K[]): fc.Arbitrary<Action<K>> {
  return fc.record({
    actor: fc.nat(ACTORS - 1),
    kind: fc.constantFrom(...kinds),
    on: fc.nat(INSTANCES - 1),
    other: fc.nat(INSTANCES - 1),
    slot: fc.nat(5),
  })
}

/** Conditions of one history: the fault seed and how late the index is. */
export interface Conditions {
  faultSeed: number
  indexLagMs: number
}

export const conditionsArbitrary: fc.Arbitrary<Conditions> = fc.record({
  faultSeed: fc.integer({ min: 1, max: 0x7fffffff }),
  indexLagMs: fc.constantFrom(0, 30, 150),
})

export function historyArbitrary<K extends string>(kinds: readonly K[], maxActions: number) {
  return fc.array(actionArbitrary(kinds), { minLength: 1, maxLength: maxActions, size: "max" })
}

/** "a2 emailSignIn@3" — the compact form printed with a failing history. */
export const describeAction = (a: Action) =>
  `a${a.actor} ${a.kind}@${a.on}${a.other !== a.on ? `/${a.other}` : ""} #${a.slot}`
