/**
 * Every key string of the Better Auth layout (`@dynamoauth/better-auth`,
 * its docs/layout.md) is built here: in core, so `dynamoauth migrate --to
 * better-auth` builds the same keys without depending on better-auth.
 * Parts after the model name are escaped so `#` only ever separates parts:
 * no two different (field, value) lists give one key.
 */
import { TTL_ATTRIBUTE } from "../format.js"
import { escapeKeyPart, type Keys, type PlainKey } from "../keys.js"

/** Attributes the adapter writes beside a record's own fields. */
export const MODEL_ATTRIBUTE = "_m"
export const CLAIM_REF = "_ref"
/** On claims: the model whose field the claim guards. */
export const CLAIM_OF = "_claim"
/** On members: the model of the record the member lists in its partition. */
export const MEMBER_OF = "_member"
// The Auth.js table's TTL attribute (a table has one), so Better Auth items expire on the same table.
export { TTL_ATTRIBUTE }
/** Every attribute the layout adds to a record's own fields (none may be a field name). */
export const LAYOUT_ATTRIBUTES = [MODEL_ATTRIBUTE, CLAIM_REF, CLAIM_OF, MEMBER_OF, TTL_ATTRIBUTE]

/** A key value's stored form: strings as they are, Dates as ISO strings, anything else as its JSON. */
export function keyPart(value: unknown): string {
  if (typeof value === "string") return value
  if (value instanceof Date) return value.toISOString()
  return JSON.stringify(value)
}

const pairs = (fields: string[], values: unknown[]) => fields.flatMap((f, i) => [f, values[i]])

export function createModelKeys(keys: Keys) {
  const join = (model: string, parts: unknown[]) =>
    [model, ...parts.map((part) => escapeKeyPart(keyPart(part)))].join("#")
  const same = (value: string): PlainKey => ({ [keys.partitionKey]: value, [keys.sortKey]: value })
  return {
    /** The record of `model` with this id. */
    record: (model: string, id: string) => same(join(model, [id])),
    /**
     * The member item listing record `id` in the partition of its `fields` values
     * (e.g. a session under its user): a table partition, so it is read strongly consistently.
     */
    member: (model: string, fields: string[], values: unknown[], id: string): PlainKey => ({
      [keys.partitionKey]: join(model, pairs(fields, values)),
      [keys.sortKey]: join(model, [id]),
    }),
    partitionValue: (model: string, field: string, value: unknown) => join(model, [field, value]),
    /** The partition listing `model`'s records with these values of `fields` (none: every record). */
    lookupValue: (model: string, fields: string[], values: unknown[]) =>
      join(model, pairs(fields, values)),
    /** A secondary-storage entry (`_kv` is no model name Better Auth gives: models start with a letter). */
    storage: (key: string) => same(join("_kv", [key])),
    /** The claim on the values of `fields` (one field, or a pair looked up together). */
    claim: (model: string, fields: string[], values: unknown[]) =>
      same(join(model, pairs(fields, values))),
  }
}

export type ModelKeys = ReturnType<typeof createModelKeys>
