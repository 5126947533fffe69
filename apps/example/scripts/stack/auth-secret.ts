import { randomBytes } from "node:crypto"
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"

/**
 * `AUTH_SECRET` from the environment, or one generated once and kept in `file` (mode 0600)
 * so that a restart keeps magic links and passkey challenges valid. Never printed.
 */
export function authSecret(file: string): string {
  const fromEnv = process.env.AUTH_SECRET
  if (fromEnv) return fromEnv
  if (existsSync(file)) return readFileSync(file, "utf8").trim()
  mkdirSync(dirname(file), { recursive: true })
  const secret = randomBytes(32).toString("base64url")
  writeFileSync(file, `${secret}\n`, { mode: 0o600 })
  return secret
}
