/**
 * What the layout needs to know about each model, read from Better Auth's
 * schema (plugins and renamed models or fields included): which field lists
 * are unique (claims), which are looked up without being unique (member
 * items), and which field expires the record.
 *
 * Better Auth and its plugins declare these in three forms, all read here:
 * field-level `unique: true`, field-level `index: true` / `references`, and
 * table-level `indexes: [{ fields, unique }]` (compound or single, e.g. the
 * device-authorization plugin's `deviceCode` and `userCode`).
 */
import type { ModelInfo } from "@dynamoauth/core/internal"
import type { AdapterFactoryCustomizeAdapterCreator } from "better-auth/adapters"

export type { ModelInfo }

type BetterAuthDBSchema = Parameters<AdapterFactoryCustomizeAdapterCreator>[0]["schema"]
type Table = BetterAuthDBSchema[string]
type Field = Table["fields"][string]

/**
 * Lookups Better Auth makes without declaring them: one user per provider
 * account and one owner per passkey credential (unique pairs and fields).
 */
const IMPLIED_CLAIMS: Record<string, string[][]> = {
  account: [["providerId", "accountId"]],
  passkey: [["credentialID"]],
}

const EXPIRY_FIELD = "expiresAt"
const RATE_LIMIT_MODEL = "rateLimit"
/** Better Auth's rate limiter keeps a row's time of last request here (epoch ms). */
const RATE_LIMIT_EXPIRY_FIELD = "lastRequest"

export interface ReadSchemaOptions {
  /** Seconds a rate-limit row outlives its last request (see rateLimitTtl). */
  rateLimitTtl?: number
}

/**
 * The order a `where` tries lookups in when it fixes several: compound
 * lookups, then fields that point at a user (a user's memberships are few),
 * then plain indexed fields, then other references (an organization's
 * members can be many).
 */
function rank(fields: string[], table: Table): number {
  if (fields.length !== 1) return fields.length ? 0 : 4
  const field = table.fields[fields[0]!]
  if (field?.references?.model === "user") return 1
  return field?.references ? 3 : 2
}

export function readSchema(
  schema: BetterAuthDBSchema,
  options: ReadSchemaOptions = {},
): Map<string, ModelInfo> {
  const models = new Map<string, ModelInfo>()
  for (const [defaultName, table] of Object.entries(schema)) {
    const dbName = (field: string) => table.fields[field]?.fieldName ?? field
    const fields = Object.entries(table.fields) as [string, Field][]
    const has = (list: string[][], names: string[]) => list.some((l) => l.join() === names.join())
    const add = (list: string[][], names: string[]) => {
      if (!has(list, names)) list.push(names)
    }

    // Logical names first; database names at the end.
    const claims: string[][] = []
    for (const [name, f] of fields) if (f.unique) add(claims, [name])
    for (const index of table.indexes ?? []) if (index.unique) add(claims, [...index.fields])
    for (const pair of IMPLIED_CLAIMS[defaultName] ?? []) {
      if (pair.every((field) => table.fields[field])) add(claims, pair)
    }
    const claimed = (names: string[]) => names.length === 1 && has(claims, names)

    const lookups: string[][] = []
    for (const [name, f] of fields) {
      if ((f.references || f.index) && !f.unique && !claimed([name])) add(lookups, [name])
    }
    for (const index of table.indexes ?? []) {
      if (!index.unique && !claimed([...index.fields])) add(lookups, [...index.fields])
    }
    // A model with no lookup at all (e.g. the JWT plugin's jwks) is read as a whole list.
    if (!claims.length && !lookups.length) lookups.push([])
    lookups.sort((a, b) => rank(a, table) - rank(b, table))
    // The partition: as before, the first foreign key, else the first indexed field.
    const single = lookups.filter((l) => l.length === 1).map((l) => l[0]!)
    const partition =
      single.find((name) => table.fields[name]?.references) ??
      single.find((name) => table.fields[name]?.index)

    const name = table.modelName || defaultName
    const info: ModelInfo = {
      name,
      claims: claims.map((c) => c.map(dbName)),
      lookups: lookups.map((l) => l.map(dbName)),
      ...(partition ? { partition: dbName(partition) } : {}),
    }
    if (table.fields[EXPIRY_FIELD]?.type === "date") info.expires = dbName(EXPIRY_FIELD)
    else if (defaultName === RATE_LIMIT_MODEL && table.fields[RATE_LIMIT_EXPIRY_FIELD]) {
      info.expires = dbName(RATE_LIMIT_EXPIRY_FIELD)
      info.expiresAfter = options.rateLimitTtl ?? DEFAULT_RATE_LIMIT_TTL
    }
    models.set(name, info)
  }
  return models
}

/** A rate-limit row lives at least a day past its last request. */
export const DEFAULT_RATE_LIMIT_TTL = 24 * 60 * 60

type BetterAuthOptions = Parameters<AdapterFactoryCustomizeAdapterCreator>[0]["options"]

/**
 * Seconds a rate-limit row outlives its last request: the longest window the
 * options configure (global, custom rules, plugins' rules), at least a day, so
 * TTL never deletes a row whose window is still open.
 */
export function rateLimitTtl(options: BetterAuthOptions | undefined): number {
  const windows: unknown[] = [options?.rateLimit?.window]
  for (const rule of Object.values(options?.rateLimit?.customRules ?? {})) {
    if (rule && typeof rule === "object") windows.push(rule.window)
  }
  for (const plugin of options?.plugins ?? []) {
    for (const rule of plugin.rateLimit ?? []) windows.push(rule.window)
  }
  const finite = windows.filter((w): w is number => typeof w === "number" && Number.isFinite(w))
  return Math.max(DEFAULT_RATE_LIMIT_TTL, ...finite)
}

/**
 * Model → the model its partition field points at by id (session, account and
 * passkey → user), by database names: the record a lookup through a claim
 * knows the id of before it reads anything (the claim holds the partition value).
 */
export function ownersOf(
  schema: BetterAuthDBSchema,
  models: Map<string, ModelInfo>,
): Map<string, string> {
  const owners = new Map<string, string>()
  const nameOf = (model: string) => schema[model]?.modelName || model
  for (const [defaultName, table] of Object.entries(schema)) {
    const info = models.get(table.modelName || defaultName)
    const field = Object.entries(table.fields).find(
      ([name, f]) => (f.fieldName ?? name) === info?.partition,
    )?.[1]
    const target = field?.references
    if (info && target?.field === "id" && schema[target.model]) {
      owners.set(info.name, nameOf(target.model))
    }
  }
  return owners
}

/**
 * Model → its number fields, by database names (a rate-limit row's `count` and
 * `lastRequest`, a team's `memberCount`): what `incrementOne` counts with, and
 * what the store remembers of a record to predict its next increment (store/direct-write.ts).
 */
export function countersOf(
  schema: BetterAuthDBSchema,
  models: Map<string, ModelInfo>,
): Map<string, string[]> {
  const counters = new Map<string, string[]>()
  for (const [defaultName, table] of Object.entries(schema)) {
    const info = models.get(table.modelName || defaultName)
    const numbers = Object.entries(table.fields)
      .filter(([, f]) => f.type === "number")
      .map(([name, f]) => f.fieldName ?? name)
    if (info && numbers.length) counters.set(info.name, numbers)
  }
  return counters
}
