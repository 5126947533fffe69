import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { packKey } from "./pack.js"

const root = mkdtempSync(join(tmpdir(), "dynamoauth-pack-key-"))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** A package folder shaped like ours: `files` lists dist, README beside it, tests outside. */
function fakePackage(name: string): string {
  const dir = join(root, name)
  mkdirSync(join(dir, "dist", "cli"), { recursive: true })
  mkdirSync(join(dir, "test"), { recursive: true })
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, files: ["dist", "!x.test.js"] }))
  writeFileSync(join(dir, "README.md"), "# readme")
  writeFileSync(join(dir, "dist", "index.js"), "export {}")
  writeFileSync(join(dir, "dist", "cli", "main.js"), "export {}")
  writeFileSync(join(dir, "test", "a.test.ts"), "")
  return dir
}

describe("packKey: the cache key of the packed tarballs", () => {
  const a = fakePackage("a")
  const b = fakePackage("b")
  const key = packKey([a, b])

  it("is the same for the same build", () => {
    expect(packKey([a, b])).toBe(key)
  })

  it.each([
    ["a nested dist file", join(a, "dist", "cli", "main.js")],
    ["package.json (publishConfig, versions)", join(b, "package.json")],
    ["the README npm always ships", join(b, "README.md")],
  ])("changes with %s", (_, file) => {
    const before = packKey([a, b])
    writeFileSync(file, `${JSON.stringify({ name: "changed", files: ["dist"] })}`)
    expect(packKey([a, b])).not.toBe(before)
  })

  it("ignores files the tarball does not hold", () => {
    const before = packKey([a, b])
    writeFileSync(join(a, "test", "a.test.ts"), "changed")
    writeFileSync(join(a, "dist", "new.js"), "")
    const after = packKey([a, b])
    expect(after).not.toBe(before) // a new dist file counts …
    writeFileSync(join(a, "test", "b.test.ts"), "")
    expect(packKey([a, b])).toBe(after) // … a test file does not
  })

  it("refuses a package it cannot key safely", () => {
    const globbed = fakePackage("globbed")
    writeFileSync(join(globbed, "package.json"), JSON.stringify({ files: ["dist/*.js"] }))
    expect(() => packKey([globbed])).toThrow(/glob in "files" \(dist\/\*\.js\)/)
    const whole = fakePackage("whole")
    writeFileSync(join(whole, "package.json"), JSON.stringify({ name: "whole" }))
    expect(() => packKey([whole])).toThrow(/no "files"/)
  })
})
