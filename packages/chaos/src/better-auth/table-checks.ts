/**
 * The end of a Better Auth history, judged from the table (docs/layout.md of
 * @dynamoauth/better-auth): records, their members and claims agree; one user per email, and each
 * user's email one it signed up with or asked to change to; every user can still sign in (it has
 * its credential account: no half-made sign-up, no half-done delete); nothing of a user whose
 * delete-user answered, no session whose sign-out or revoke answered; and every email no live
 * user holds can be signed up with again.
 */

import { createModelKeys, DEFAULT_MODELS } from "@dynamoauth/better-auth/layout"
import { createKeys, resolveTableOptions } from "@dynamoauth/core"
import { type BetterAuthHandler, callBetterAuth } from "@dynamoauth/testing/better-auth-handler"
import { check, type Tally } from "../tally.js"
import { BA_EMAILS, type BetterAuthWorld, baEmailOf, passwordOf } from "./world.js"

type Item = Record<string, unknown>

/** Better Auth's default models, and the rate limiter's (storage "database"). */
const MODELS: Record<string, (typeof DEFAULT_MODELS)[string]> = {
  ...DEFAULT_MODELS,
  rateLimit: { name: "rateLimit", claims: [["key"]], lookups: [] },
}

/** The invariant Better Auth's transactions are for. */
export const ALL_OR_NOTHING = "a Better Auth transaction is all or nothing"

export async function checkBetterAuthTable(
  world: BetterAuthWorld,
  items: Item[],
  tally: Tally,
  probe: BetterAuthHandler,
): Promise<void> {
  const modelKeys = createModelKeys(createKeys(resolveTableOptions({ tableName: "unused" })))
  const at = new Map(items.map((item) => [`${item.pk}|${item.sk}`, item]))
  const get = (key: Record<string, string>) => at.get(`${key.pk}|${key.sk}`)
  /** The record (a tombstone at its key is not one). */
  const record = (model: string, id: unknown) => {
    const item = get(modelKeys.record(model, String(id)))
    return item?._m === model ? item : undefined
  }
  const orphan = (ok: boolean, what: () => string) =>
    check(tally, ok, "every item accounted for (no orphans)", what)
  const emails = new Map<string, number>()

  for (const item of items) {
    const model = item._m
    if (typeof model === "string") {
      const info = MODELS[model]
      orphan(info !== undefined, () => `a record of unexpected model ${model}`)
      if (!info) continue
      // Every claimed field has its claim, naming this record.
      for (const fields of info.claims) {
        const values = fields.map((f) => item[f])
        if (values.some((v) => v === null || v === undefined)) continue
        check(
          tally,
          get(modelKeys.claim(model, fields, values))?._ref === item.id,
          "one user per email, per provider account, per passkey credential",
          () => `a ${model} record without its claim on ${fields.join("+")}`,
        )
      }
      for (const fields of info.lookups) {
        const values = fields.map((f) => item[f])
        if (values.some((v) => v === null || v === undefined)) continue
        orphan(
          get(modelKeys.member(model, fields, values, String(item.id))) !== undefined,
          () => `a ${model} record without its member item`,
        )
      }
      if (model === "user") {
        const known = world.users.get(String(item.id))
        const deleted = known?.deletedAt !== undefined
        check(
          tally,
          !deleted,
          "deleteUser leaves nothing",
          () => "a user record remains after its delete-user answered",
        )
        if (!known) {
          orphan(
            (world.failedSignUps[String(item.email)] ?? 0) > 0,
            () => "a user no sign-up could have made",
          )
        } else {
          check(
            tally,
            known.emails.has(String(item.email)),
            "emails move only when asked",
            () => "a user holds an email it neither signed up with nor asked to change to",
          )
        }
        // A user a failed delete-user left leaving is gone (docs/layout.md ⁴): its email must be
        // free to sign up with again (the probe below), which completes that delete.
        if (item._leaving === undefined) {
          emails.set(String(item.email), (emails.get(String(item.email)) ?? 0) + 1)
        }
        const credential = items.some(
          (i) => i._m === "account" && i.userId === item.id && i.providerId === "credential",
        )
        check(
          tally,
          credential,
          ALL_OR_NOTHING,
          () => "a user without its credential account (half-made sign-up or half-done delete)",
        )
      } else if (model === "session" || model === "account" || model === "passkey") {
        const owner = String(item.userId)
        if (world.users.get(owner)?.deletedAt !== undefined) {
          check(
            tally,
            false,
            ALL_OR_NOTHING,
            () => `a ${model} of a user whose delete-user answered (half-done delete)`,
          )
        } else {
          orphan(
            record("user", owner) !== undefined,
            () => `a ${model} of a user that does not exist`,
          )
        }
        if (model === "session") {
          check(
            tally,
            !world.sessionGoneBefore(String(item.token), world.clock + 1),
            "no deleted session returned",
            () => "a session remains after its sign-out, revoke or delete-user answered",
          )
        }
      }
    } else if (typeof item._member === "string") {
      const owner = record(item._member, item._ref)
      const info = MODELS[item._member]
      orphan(
        owner !== undefined &&
          (info?.lookups ?? []).some(
            (fields) =>
              modelKeys.member(
                item._member as string,
                fields,
                fields.map((f) => owner[f]),
                String(owner.id),
              ).pk === item.pk,
          ),
        () => `a ${item._member} member item whose record is gone or moved`,
      )
    } else if (typeof item._claim === "string") {
      const owner = record(item._claim, item._ref)
      const info = MODELS[item._claim]
      const holds =
        owner !== undefined &&
        (info?.claims ?? []).some(
          (fields) =>
            modelKeys.claim(
              item._claim as string,
              fields,
              fields.map((f) => owner[f]),
            ).pk === item.pk,
        )
      orphan(holds, () => `a ${item._claim} claim whose record is gone or no longer holds it`)
    } else if (typeof item._leaving === "number") {
      // A deleted record's tombstone: its key, the mark and a TTL, nothing else.
      orphan(
        typeof item.expires === "number" && Object.keys(item).length === 4,
        () => "a tombstone with more than its key, mark and TTL",
      )
    } else orphan(false, () => "an item outside the Better Auth layout")
  }

  for (const [, n] of emails) {
    check(
      tally,
      n <= 1,
      "one user per email, per provider account, per passkey credential",
      () => `${n} users hold one email`,
    )
  }

  // Nothing blocks a future write: a free email can be signed up with again. The emails are
  // probed at once (they share no item), each from its own address so that no two share a
  // rate-limit record either.
  const free = Array.from({ length: BA_EMAILS }, (_, slot) => baEmailOf(slot)).filter(
    (email) => !emails.has(email),
  )
  const replies = await Promise.all(
    free.map((email, i) =>
      callBetterAuth(probe, "/sign-up/email", {
        body: { email, password: passwordOf(email), name: "Probe" },
        headers: { "x-forwarded-for": `198.51.100.${i + 1}` },
      }).catch(() => ({ status: 0 })),
    ),
  )
  for (const reply of replies) {
    check(
      tally,
      reply.status === 200,
      "nothing blocks a future write",
      () => "a free email could not be signed up with",
    )
  }
}
