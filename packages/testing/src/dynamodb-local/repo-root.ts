import { existsSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

/** The workspace root: the nearest folder above this module that holds pnpm-workspace.yaml. */
export function findRepoRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir
    const parent = dirname(dir)
    if (parent === dir) {
      throw new Error(`findRepoRoot: no pnpm-workspace.yaml above ${from}`)
    }
    dir = parent
  }
}

/** `<repo root>/.cache/dynamodb-local`, git-ignored, shared by every package's tests. */
export function dynamoDBLocalCacheDir(): string {
  return join(findRepoRoot(), ".cache", "dynamodb-local")
}
