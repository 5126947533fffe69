import { existsSync } from "node:fs"
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { setTimeout as sleep } from "node:timers/promises"
import { afterAll, describe, expect, it } from "vitest"
import { materializeDir } from "./atomic-dir.js"

describe("materializeDir", () => {
  const roots: string[] = []
  afterAll(async () => {
    for (const root of roots) await rm(root, { recursive: true, force: true })
  })

  it("lets exactly one of many concurrent builders install the folder, leaving no temp folders", async () => {
    const root = await mkdtemp(join(tmpdir(), "dynamoauth-atomic-"))
    roots.push(root)
    const target = join(root, "thing")
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, id) =>
        materializeDir(target, "done", async (tmp) => {
          await sleep(5 * ((id * 7) % 5))
          await writeFile(join(tmp, "builder"), String(id))
          await writeFile(join(tmp, "done"), "")
        }),
      ),
    )
    expect(new Set(results)).toEqual(new Set([target]))
    const builder = Number(await readFile(join(target, "builder"), "utf8"))
    expect(builder).toBeGreaterThanOrEqual(0)
    expect(builder).toBeLessThan(8)
    expect(await readdir(root)).toEqual(["thing"])
  })

  it("skips the build when the folder is complete, and cleans up after a failed build", async () => {
    const root = await mkdtemp(join(tmpdir(), "dynamoauth-atomic-"))
    roots.push(root)
    const target = join(root, "thing")
    await expect(
      materializeDir(target, "done", async (tmp) => {
        await writeFile(join(tmp, "half"), "")
        throw new Error("boom")
      }),
    ).rejects.toThrow("boom")
    expect(await readdir(root)).toEqual([])

    await materializeDir(target, "done", async (tmp) => writeFile(join(tmp, "done"), ""))
    let built = false
    await materializeDir(target, "done", async () => {
      built = true
    })
    expect(built).toBe(false)
    expect(existsSync(join(target, "done"))).toBe(true)
  })
})
