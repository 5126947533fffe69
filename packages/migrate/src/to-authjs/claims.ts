/**
 * Claims for items that were written without them. dynamoauth writes a claim
 * (a small item keyed by the unique value) in the same transaction as a user
 * with an email, an account and a passkey; tables written by the official
 * adapter or by the v3-era adapter have none, so the uniqueness guarantee
 * does not cover their items until a claim exists. With `claims: true`, plan
 * and verify count the missing claims and run writes them: one conditional
 * PutItem each, never over an existing claim. A claim that another user
 * already holds means two items share the value (two users with one email):
 * that is reported as the problem `claim.taken`, and both are left alone.
 */
import { ITEM_TYPE, type Keys } from "@dynamoauth/core"
import {
  batchGetItems,
  getItem,
  type Item,
  isConditionFailure,
  type PlainKey,
  parseKey,
  putItem,
  type Table,
} from "@dynamoauth/core/internal"
import { stringOf } from "../attributes.js"
import { migrateError } from "../errors.js"
import type { TransformResult } from "./transform/index.js"

export type ClaimStatus = "present" | "missing" | "taken"

export interface ClaimCheck {
  /** The claim item that guards the value (key, type and owner). */
  claim: Item
  owner: string
  status: ClaimStatus
}

/** The claim an item (in its migrated form) needs, if any. */
export function claimFor(result: TransformResult, keys: Keys): Item | undefined {
  const item = result.item
  const key = parseKey(item, keys)
  const userId =
    result.kind === "user"
      ? (stringOf(item.id) ?? (key?.kind === "user" ? key.userId : undefined))
      : stringOf(item.userId)
  if (!userId) return undefined
  const email = stringOf(item.email)
  const provider = stringOf(item.provider)
  const providerAccountId = stringOf(item.providerAccountId)
  const credentialID = stringOf(item.credentialID)
  const claim =
    result.kind === "user" && email !== undefined
      ? { ...keys.emailClaim(email), type: ITEM_TYPE.emailClaim }
      : result.kind === "account" && provider !== undefined && providerAccountId !== undefined
        ? { ...keys.accountClaim(provider, providerAccountId), type: ITEM_TYPE.accountClaim }
        : result.kind === "authenticator" && credentialID !== undefined
          ? { ...keys.credentialClaim(credentialID), type: ITEM_TYPE.credentialClaim }
          : undefined
  return claim && { ...claim, userId }
}

/** Reads the claims a page needs (strongly consistent); one entry per result, undefined where none is needed. */
export async function checkClaims(
  table: Table,
  operation: string,
  results: TransformResult[],
  keys: Keys,
): Promise<(ClaimCheck | undefined)[]> {
  const claims = results.map((result) => claimFor(result, keys))
  const id = (claim: Item) => String(claim[keys.partitionKey])
  // Two items of one page may need the same claim (a shared email); BatchGetItem refuses duplicate keys.
  const unique = new Map<string, PlainKey>()
  for (const claim of claims) if (claim) unique.set(id(claim), keys.keyOf(claim))
  const found = await batchGetItems(table, [...unique.values()]).catch((error: unknown) => {
    throw migrateError(error, operation, `(BatchGetItem on ${table.names.tableName})`)
  })
  const owners = new Map<string, string | undefined>()
  for (const held of found) {
    owners.set(id(held), typeof held.userId === "string" ? held.userId : undefined)
  }
  return claims.map((claim) => {
    if (!claim) return undefined
    const owner = claim.userId as string
    const holder = owners.get(id(claim))
    const status: ClaimStatus = !owners.has(id(claim))
      ? "missing"
      : holder === owner
        ? "present"
        : "taken"
    return { claim, owner, status }
  })
}

/**
 * Writes a missing claim where none exists: "written", or "present" when the
 * same owner's claim is there already, or "taken" when another user's is.
 */
export async function writeClaim(
  table: Table,
  operation: string,
  check: ClaimCheck,
  keys: Keys,
): Promise<"written" | "present" | "taken"> {
  const failed = (error: unknown, request: string) =>
    migrateError(error, operation, `(${request} of a claim on ${table.names.tableName})`)
  try {
    await putItem(table, check.claim, { expression: "attribute_not_exists(#pk)" })
    return "written"
  } catch (error) {
    if (!isConditionFailure(error)) throw failed(error, "PutItem")
  }
  // Something holds the claim already: our own earlier attempt, the app, or another user.
  const holder = await getItem(table, keys.keyOf(check.claim)).catch((error: unknown) => {
    throw failed(error, "GetItem")
  })
  return holder?.userId === check.owner ? "present" : "taken"
}
