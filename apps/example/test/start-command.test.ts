/**
 * The package's `start` command (the README's first command): it serves the app, the Worker
 * and DynamoDB Local persisting to a data folder, stops cleanly on Ctrl-C, and finds its table
 * and secret again on the next start. Its first start is the global setup's, which served every
 * other test file; this file runs last (vitest.config.ts) because it stops that one.
 */
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, expect, inject, test } from "vitest"
import { APP_DIR } from "../scripts/stack/paths"
import { interrupt, START_ARGS, type Started, startCommand } from "./support/start-command"

const first = inject("start")
let second: Started | undefined
afterAll(async () => {
  // A failed assertion must not leave a server behind.
  if (second) await interrupt(second.child)
})

/** The exit code of the global setup's `start`, once it has exited. */
async function firstExitCode(): Promise<string> {
  const deadline = Date.now() + 60_000
  while (!existsSync(first.exitFile)) {
    if (Date.now() > deadline) throw new Error("start did not exit within 60 s of Ctrl-C")
    await new Promise((r) => setTimeout(r, 200))
  }
  return readFileSync(first.exitFile, "utf8")
}

test("the package's start script is the command tested here", () => {
  const pkg = JSON.parse(readFileSync(join(APP_DIR, "package.json"), "utf8"))
  expect(pkg.scripts.start).toBe(["node", ...START_ARGS].join(" "))
})

test("start serves app and Worker, stops on Ctrl-C, and keeps its data for the next start", async () => {
  const { port, dataDir } = first
  expect(first.url).toBe(`http://localhost:${port}`)
  const output = readFileSync(first.log, "utf8")
  expect(output).toContain("Table next-auth: created")
  expect(output).not.toMatch(/deprecat/i)
  const app = `http://127.0.0.1:${port}`
  const providers = (await (await fetch(`${app}/api/auth/providers`)).json()) as object
  expect(Object.keys(providers).sort()).toEqual(["email", "passkey"])
  const worker = await fetch(`${app}/worker/session.json`)
  expect(worker.status).toBe(401)
  expect(await worker.json()).toMatchObject({ runtime: "Cloudflare-Workers", signedIn: false })
  const secret = readFileSync(join(dataDir, "auth-secret"), "utf8")
  expect(secret.trim().length).toBeGreaterThanOrEqual(32)

  process.kill(first.pid, "SIGINT")
  expect(await firstExitCode()).toBe("0")
  expect(readFileSync(first.log, "utf8")).toContain("Stopping")
  await expect(fetch(`${app}/`)).rejects.toThrow()

  second = await startCommand({ port, dataDir })
  try {
    expect(second.output()).toContain("Table next-auth: exists")
    expect(readFileSync(join(dataDir, "auth-secret"), "utf8")).toBe(secret)
    expect((await fetch(`${app}/api/auth/providers`)).status).toBe(200)
  } finally {
    expect(await interrupt(second.child)).toBe(0)
  }
}, 240_000)
