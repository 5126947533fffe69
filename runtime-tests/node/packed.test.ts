/**
 * The matrix tests the artifact: @dynamoauth/* resolve inside the scratch app to the packed
 * manifests, and a copy of an installed package broken as a release can break fails to load
 * the way the contract runs load it (so such a release would fail CI).
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { afterAll, describe, expect, inject, it } from "vitest"

const consumer = inject("consumerDir")
const PUBLISHED = ["core", "adapter-node", "adapter-edge", "migrate"]

it("every package resolves inside the scratch app, to its packed manifest (dist, no workspace:)", () => {
  for (const name of PUBLISHED) {
    const dir = realpathSync(join(consumer, "node_modules", "@dynamoauth", name))
    expect(dir.startsWith(realpathSync(consumer))).toBe(true)
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))
    expect(manifest.exports["."].default).toBe("./dist/index.js")
    expect(manifest.exports["."].types).toBe("./dist/index.d.ts")
    expect(JSON.stringify(manifest)).not.toContain("workspace:")
  }
})

it("installing @dynamoauth/migrate installs no better-auth (its layout lives in core)", () => {
  // pnpm puts each installed package beside its own dependencies: walk the whole closure.
  const seen = new Set<string>()
  const visit = (dir: string, name: string) => {
    if (seen.has(name)) return
    seen.add(name)
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))
    const siblings = name.startsWith("@") ? dirname(dirname(dir)) : dirname(dir)
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) {
      const depDir = join(siblings, dep)
      if (existsSync(depDir)) visit(realpathSync(depDir), dep)
    }
  }
  visit(
    realpathSync(join(consumer, "node_modules", "@dynamoauth", "migrate")),
    "@dynamoauth/migrate",
  )
  expect(seen).toContain("@dynamoauth/core")
  expect(seen).toContain("@aws-sdk/client-dynamodb")
  const betterAuth = [...seen].filter((n) => /(^|\/)better-auth$|^@better-auth\//.test(n))
  expect(betterAuth).toEqual([])
})

describe("a broken copy of installed adapter-edge fails to load", () => {
  const copies: string[] = []
  afterAll(() => {
    for (const dir of copies) rmSync(dir, { recursive: true, force: true })
  })

  /** A new app holding a copy of adapter-edge (edited by `breakIt`) beside its real deps. */
  function brokenCopy(breakIt: (pkg: string) => void): string {
    const app = mkdtempSync(join(tmpdir(), "dynamoauth-broken-"))
    copies.push(app)
    const installed = realpathSync(join(consumer, "node_modules", "@dynamoauth", "adapter-edge"))
    // pnpm puts a package's dependencies beside it: .pnpm/<id>/node_modules/{@dynamoauth/core,aws4fetch}
    const siblings = dirname(dirname(installed))
    mkdirSync(join(app, "node_modules", "@dynamoauth"), { recursive: true })
    const pkg = join(app, "node_modules", "@dynamoauth", "adapter-edge")
    cpSync(installed, pkg, { recursive: true, dereference: true })
    for (const dep of ["@dynamoauth/core", "aws4fetch"]) {
      symlinkSync(realpathSync(join(siblings, dep)), join(app, "node_modules", dep))
    }
    breakIt(pkg)
    writeFileSync(join(app, "entry.mjs"), 'export * from "@dynamoauth/adapter-edge"\n')
    return join(app, "entry.mjs")
  }
  const edit = (file: string, change: (text: string) => string) =>
    writeFileSync(file, change(readFileSync(file, "utf8")))

  it("an intact copy loads (the procedure itself works)", async () => {
    const module = await import(/* @vite-ignore */ brokenCopy(() => {}))
    expect(typeof module.DynamoDBAdapter).toBe("function")
  })

  it.each([
    [
      "exports pointing at a file that is not there",
      (pkg: string) =>
        edit(join(pkg, "package.json"), (t) => t.replaceAll("./dist/index.js", "./dist/main.js")),
    ],
    ["a file missing from the tarball", (pkg: string) => rmSync(join(pkg, "dist", "transport.js"))],
    [
      "a .ts import left in dist",
      (pkg: string) =>
        edit(join(pkg, "dist", "index.js"), (t) =>
          t.replaceAll("./transport.js", "../src/transport.ts"),
        ),
    ],
  ])("%s", async (_, breakIt) => {
    const entry = brokenCopy(breakIt)
    await expect(import(/* @vite-ignore */ entry)).rejects.toThrow()
  })
})
