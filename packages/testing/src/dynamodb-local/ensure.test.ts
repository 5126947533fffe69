import { existsSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { DYNAMODB_LOCAL_JAR, DYNAMODB_LOCAL_LIB, ensureDynamoDBLocal } from "./ensure.js"
import { ensureLauncher, LAUNCHER_CLASS } from "./launcher.js"
import { findRepoRoot } from "./repo-root.js"

describe("ensureDynamoDBLocal", () => {
  it("unpacks DynamoDB Local into the repository's .cache, once", async () => {
    const [first, second] = await Promise.all([ensureDynamoDBLocal(), ensureDynamoDBLocal()])
    expect(second.dir).toBe(first.dir)
    expect(first.dir).toBe(join(findRepoRoot(), ".cache", "dynamodb-local", "simulator-2.9.30"))
    expect(existsSync(join(first.dir, DYNAMODB_LOCAL_JAR))).toBe(true)
    expect(existsSync(join(first.dir, DYNAMODB_LOCAL_LIB, "sqlite4java.jar"))).toBe(true)
    // Only the emulator folder is extracted, not the npm package around it.
    expect(existsSync(join(first.dir, "package.json"))).toBe(false)
  })

  it("compiles the loopback launcher into a folder named after its source", async () => {
    const { dir } = await ensureDynamoDBLocal()
    const launcherDir = await ensureLauncher(dir)
    expect(launcherDir).toMatch(/[/\\]launcher-[0-9a-f]{16}$/)
    expect(existsSync(join(launcherDir, `${LAUNCHER_CLASS}.class`))).toBe(true)
  })
})

describe("findRepoRoot", () => {
  it("finds the folder holding pnpm-workspace.yaml, and fails clearly outside a workspace", () => {
    expect(existsSync(join(findRepoRoot(), "pnpm-workspace.yaml"))).toBe(true)
    expect(() => findRepoRoot("/")).toThrow("no pnpm-workspace.yaml above /")
  })
})
