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
import { type AttributeMap, ITEM_TYPE, type Keys } from "@dynamoauth/core"
import { marshallItem, type PlainKey, parseKey, unmarshallItem } from "@dynamoauth/core/internal"
import { stringOf } from "./attributes.js"
import type { MigrationClient } from "./client.js"
import { migrateError } from "./errors.js"
import type { TransformResult } from "./transform/index.js"
import { notExists, primaryKey } from "./write-plan.js"

export type ClaimStatus = "present" | "missing" | "taken"

export interface ClaimCheck {
  /** The claim item that guards the value (key, type and owner), marshalled. */
  claim: AttributeMap
  owner: string
  status: ClaimStatus
}

/** The claim an item (in its migrated form) needs, if any. */
export function claimFor(result: TransformResult, keys: Keys): AttributeMap | undefined {
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
  return claim && marshallItem({ ...claim, userId })
}

/** Reads the claims a page needs (strongly consistent); one entry per result, undefined where none is needed. */
export async function checkClaims(
  client: MigrationClient,
  operation: string,
  table: string,
  results: TransformResult[],
  keys: Keys,
): Promise<(ClaimCheck | undefined)[]> {
  const claims = results.map((result) => claimFor(result, keys))
  const id = (claim: AttributeMap) => stringOf(claim[keys.partitionKey])!
  // Two items of one page may need the same claim (a shared email); BatchGetItem refuses duplicate keys.
  const unique = new Map<string, PlainKey>()
  for (const claim of claims) if (claim) unique.set(id(claim), keys.keyOf(unmarshallItem(claim)))
  const owners = new Map<string, string | undefined>()
  for (const found of await client.batchGet(operation, table, keys, [...unique.values()])) {
    const owner = found.userId
    owners.set(String(found[keys.partitionKey]), typeof owner === "string" ? owner : undefined)
  }
  return claims.map((claim) => {
    if (!claim) return undefined
    const owner = stringOf(claim.userId)!
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
  client: MigrationClient,
  operation: string,
  table: string,
  check: ClaimCheck,
  keys: Keys,
): Promise<"written" | "present" | "taken"> {
  try {
    await client.raw(
      "PutItem",
      {
        TableName: table,
        Item: check.claim,
        ...notExists(keys.partitionKey),
      },
      1,
    )
    return "written"
  } catch (error) {
    if ((error as Error)?.name !== "ConditionalCheckFailedException") {
      throw migrateError(error, operation, `(PutItem of a claim on ${table})`)
    }
  }
  // Something holds the claim already: our own earlier attempt, the app, or another user.
  const holder = await client.getStored(operation, table, primaryKey(check.claim, keys))
  return stringOf(holder?.userId) === check.owner ? "present" : "taken"
}
