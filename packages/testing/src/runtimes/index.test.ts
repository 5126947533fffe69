import { execFileSync } from "node:child_process"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { findRepoRoot } from "../dynamodb-local/repo-root.js"
import { ensureRuntime, RUNTIMES, type RuntimeKey } from "./index.js"

describe("ensureRuntime", () => {
  it.each(Object.keys(RUNTIMES) as RuntimeKey[])(
    "fetches %s into .cache/runtimes, and the binary is the pinned version",
    async (key) => {
      const { runtime, version } = RUNTIMES[key]
      const binary = await ensureRuntime(key)
      expect(binary).toBe(
        join(findRepoRoot(), ".cache", "runtimes", `${runtime}-${version}`, "bin", runtime),
      )
      expect(execFileSync(binary, ["--version"], { encoding: "utf8" })).toContain(version)
    },
    // A first run downloads 40–55 MB per runtime.
    300_000,
  )
})
