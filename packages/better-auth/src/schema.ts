/**
 * What the layout needs to know about each model, read from Better Auth's
 * schema (plugins and renamed models or fields included): which fields are
 * claimed, which field partitions the index, which field expires the record.
 */
import type { ModelInfo } from "@dynamoauth/core/internal"
import type { AdapterFactoryCustomizeAdapterCreator } from "better-auth/adapters"

export type { ModelInfo }

type BetterAuthDBSchema = Parameters<AdapterFactoryCustomizeAdapterCreator>[0]["schema"]

/**
 * Pairs Better Auth looks up together without declaring them unique: one
 * user per provider account, one owner per passkey credential.
 */
const IMPLIED_CLAIMS: Record<string, string[][]> = {
  account: [["providerId", "accountId"]],
  passkey: [["credentialID"]],
}

const EXPIRY_FIELD = "expiresAt"

export function readSchema(schema: BetterAuthDBSchema): Map<string, ModelInfo> {
  const models = new Map<string, ModelInfo>()
  for (const [defaultName, table] of Object.entries(schema)) {
    const dbName = (field: string) => table.fields[field]?.fieldName ?? field
    const fields = Object.entries(table.fields)
    const claims = fields.filter(([, f]) => f.unique).map(([name]) => [dbName(name)])
    for (const pair of IMPLIED_CLAIMS[defaultName] ?? []) {
      if (!pair.every((field) => table.fields[field])) continue
      const names = pair.map(dbName)
      if (!claims.some((c) => c.join() === names.join())) claims.push(names)
    }
    const partition =
      fields.find(([, f]) => f.references && !f.unique) ??
      fields.find(([, f]) => f.index && !f.unique)
    const expires = table.fields[EXPIRY_FIELD]?.type === "date" ? dbName(EXPIRY_FIELD) : undefined
    const name = table.modelName || defaultName
    models.set(name, {
      name,
      claims,
      ...(partition ? { partition: dbName(partition[0]) } : {}),
      ...(expires ? { expires } : {}),
    })
  }
  return models
}
