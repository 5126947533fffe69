/**
 * The test files of packages/better-auth/test, as the consumer app gets them: each entry file
 * with everything it imports relatively, at the same paths under `test/`; the adapter imported
 * from its package (`@dynamoauth/better-auth`, the tarball) instead of `src/`; and the
 * workspace's test tooling (private, never packed) copied under `testing/`. Nothing is rewritten
 * but import specifiers, so the consumer runs the same tests.
 */
import { readFileSync } from "node:fs"
import { dirname, join, posix, relative, resolve } from "node:path"

const repo = resolve(import.meta.dirname, "../../..")
const BETTER_AUTH = join(repo, "packages/better-auth")
const TESTING = join(repo, "packages/testing/src")

/** The adapter's entries, as its package exports them (source file → package specifier). */
const ENTRIES: Record<string, string> = {
  [join(BETTER_AUTH, "src/index.ts")]: "@dynamoauth/better-auth",
  [join(BETTER_AUTH, "src/node.ts")]: "@dynamoauth/better-auth/node",
}

/** The workspace test tooling the suites import, and the file that answers each. */
const TOOLING: Record<string, string> = {
  "@dynamoauth/testing/better-auth-handler": "better-auth-handler.ts",
  "@dynamoauth/testing/vitest-context": "vitest/context.ts",
  // Only the table helpers (fresh tables, scans) of the contract package: its suites are Auth.js's.
  "@dynamoauth/testing/contract": "contract/tables.ts",
}

const IMPORT = /((?:from|import)\s*\(?\s*)"([^"]+)"/g

/** Path in the consumer app of a workspace file. */
function target(file: string): string {
  if (file.startsWith(`${BETTER_AUTH}/test/`)) return relative(BETTER_AUTH, file)
  if (file.startsWith(`${TESTING}/`)) return join("testing", relative(TESTING, file))
  throw new Error(`suiteFiles: ${file} is neither a better-auth test file nor test tooling`)
}

/** Consumer path → content of `entries` (paths under packages/better-auth/test) and their imports. */
export function suiteFiles(entries: readonly string[]): Record<string, string> {
  const files: Record<string, string> = {}
  const pending = entries.map((entry) => join(BETTER_AUTH, "test", entry))
  while (pending.length) {
    const file = pending.pop()!
    const path = target(file)
    if (path in files) continue
    const specifier = (workspaceFile: string) => {
      pending.push(workspaceFile)
      const to = posix.relative(posix.dirname(path), target(workspaceFile))
      return (to.startsWith(".") ? to : `./${to}`).replace(/\.ts$/, ".js")
    }
    files[path] = readFileSync(file, "utf8").replace(IMPORT, (match, keyword, name: string) => {
      if (name in TOOLING) return `${keyword}"${specifier(join(TESTING, TOOLING[name]!))}"`
      if (!name.startsWith(".")) return match
      const resolved = resolve(dirname(file), name).replace(/\.js$/, ".ts")
      if (resolved in ENTRIES) return `${keyword}"${ENTRIES[resolved]}"`
      return `${keyword}"${specifier(resolved)}"`
    })
  }
  return files
}
