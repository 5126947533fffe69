/**
 * Every key string of the Better Auth layout (`@dynamoauth/better-auth`,
 * its docs/layout.md) is built here: in core, so `dynamoauth migrate --to
 * better-auth` builds the same keys without depending on better-auth.
 * Parts after the model name are escaped so `#` only ever separates parts:
 * no two different (field, value) lists give one key. Every key is measured
 * against DynamoDB's key limits as it is built, by the same check as the
 * Auth.js layout's (`fitKey`): a value too long throws KEY_TOO_LONG naming the
 * model and field, before any request.
 */
import { TTL_ATTRIBUTE } from "../format.js"
import { escapeKeyPart, type Keys, type PlainKey } from "../keys.js"
import { fitKey, MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES } from "../limits.js"

/** Attributes the adapter writes beside a record's own fields. */
export const MODEL_ATTRIBUTE = "_m"
export const CLAIM_REF = "_ref"
/** On claims: the model whose field the claim guards. */
export const CLAIM_OF = "_claim"
/** On members: the model of the record the member lists in its partition. */
export const MEMBER_OF = "_member"
/**
 * On a record others belong to, while it is being deleted (epoch ms of the mark), and on the
 * tombstone it leaves (key, this, TTL): a record that belongs to it is not written then.
 */
export const LEAVING_ATTRIBUTE = "_leaving"
// The Auth.js table's TTL attribute (a table has one), so Better Auth items expire on the same table.
export { TTL_ATTRIBUTE }
/** Every attribute the layout adds to a record's own fields (none may be a field name). */
export const LAYOUT_ATTRIBUTES = [
  MODEL_ATTRIBUTE,
  CLAIM_REF,
  CLAIM_OF,
  MEMBER_OF,
  TTL_ATTRIBUTE,
  LEAVING_ATTRIBUTE,
]

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
  /** A partition key value, measured; `field` names what it is made of in errors. */
  const partition = (value: string, field: string) => fitKey(value, MAX_PARTITION_KEY_BYTES, field)
  const key = (p: string, s: string, field: string): PlainKey => ({
    [keys.partitionKey]: partition(p, field),
    [keys.sortKey]: fitKey(s, MAX_SORT_KEY_BYTES, field),
  })
  const same = (value: string, field: string) => key(value, value, field)
  const named = (model: string, fields: string[]) => `${model}.${fields.join(" + ")}`
  return {
    /** The record of `model` with this id. */
    record: (model: string, id: string) => same(join(model, [id]), `${model}.id`),
    /**
     * The member item listing record `id` in the partition of its `fields` values
     * (e.g. a session under its user): a table partition, so it is read strongly consistently.
     */
    member: (model: string, fields: string[], values: unknown[], id: string) =>
      key(join(model, pairs(fields, values)), join(model, [id]), named(model, fields)),
    partitionValue: (model: string, field: string, value: unknown) =>
      partition(join(model, [field, value]), named(model, [field])),
    /** The partition listing `model`'s records with these values of `fields` (none: every record). */
    lookupValue: (model: string, fields: string[], values: unknown[]) =>
      partition(join(model, pairs(fields, values)), named(model, fields)),
    /** A secondary-storage entry (`_kv` is no model name Better Auth gives: models start with a letter). */
    storage: (storageKey: string) => same(join("_kv", [storageKey]), "key"),
    /** The claim on the values of `fields` (one field, or a pair looked up together). */
    claim: (model: string, fields: string[], values: unknown[]) =>
      same(join(model, pairs(fields, values)), named(model, fields)),
  }
}

export type ModelKeys = ReturnType<typeof createModelKeys>
