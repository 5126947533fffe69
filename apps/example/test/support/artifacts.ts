import { mkdirSync } from "node:fs"
import { join } from "node:path"
import { APP_DIR } from "../../scripts/stack/paths"

/** `.artifacts/` (git-ignored): screenshots and the server's output of the last test run. */
export function artifactsDir(): string {
  const dir = join(APP_DIR, ".artifacts")
  mkdirSync(dir, { recursive: true })
  return dir
}
