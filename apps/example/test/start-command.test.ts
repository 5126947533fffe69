/**
 * The package's `start` command (the README's first command): it serves the app, the Worker
 * and DynamoDB Local persisting to a data folder, stops cleanly on Ctrl-C, and finds its table
 * and secret again on the next start. Runs after the global setup has built the app.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { freePort } from "@dynamoauth/testing/dynamodb-local"
import { afterAll, expect, test } from "vitest"
import { APP_DIR } from "../scripts/stack/paths"

// What the package's `start` script runs (checked below), minus the `node` in front.
const START_ARGS = ["--import", "tsx", "scripts/start.ts"]
const dataDir = mkdtempSync(join(tmpdir(), "dynamoauth-example-start-"))
const children: ChildProcess[] = []
afterAll(async () => {
  // A failed assertion must not leave a server behind.
  for (const child of children) if (child.exitCode === null) await interrupt(child)
  rmSync(dataDir, { recursive: true, force: true })
})

interface Started {
  child: ChildProcess
  url: string
  output: () => string
}

async function start(port: number): Promise<Started> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DYNAMOAUTH_DATA_DIR: dataDir,
  }
  // Without these the command must choose DynamoDB Local, whatever this machine has set.
  delete env.DYNAMOAUTH_TABLE
  delete env.AUTH_SECRET
  const child = spawn(process.execPath, START_ARGS, {
    cwd: APP_DIR,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  })
  children.push(child)
  let output = ""
  child.stdout?.setEncoding("utf8").on("data", (c: string) => (output += c))
  child.stderr?.setEncoding("utf8").on("data", (c: string) => (output += c))
  const deadline = Date.now() + 120_000
  for (;;) {
    const ready = /dynamoauth example ready: (http:\/\/\S+)/.exec(output)
    if (ready?.[1]) return { child, url: ready[1], output: () => output }
    if (child.exitCode !== null) throw new Error(`start exited early:\n${output}`)
    if (Date.now() > deadline) throw new Error(`start did not become ready:\n${output}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

async function interrupt(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  )
  child.kill("SIGINT")
  return exited
}

test("the package's start script is the command tested here", () => {
  const pkg = JSON.parse(readFileSync(join(APP_DIR, "package.json"), "utf8"))
  expect(pkg.scripts.start).toBe(["node", ...START_ARGS].join(" "))
})

test("start serves app and Worker, stops on Ctrl-C, and keeps its data for the next start", async () => {
  const port = await freePort()
  const first = await start(port)
  expect(first.url).toBe(`http://localhost:${port}`)
  expect(first.output()).toContain("Table next-auth: created")
  expect(first.output()).not.toMatch(/deprecat/i)
  const app = `http://127.0.0.1:${port}`
  const providers = (await (await fetch(`${app}/api/auth/providers`)).json()) as object
  expect(Object.keys(providers).sort()).toEqual(["email", "passkey"])
  const worker = await fetch(`${app}/worker/session.json`)
  expect(worker.status).toBe(401)
  expect(await worker.json()).toMatchObject({ runtime: "Cloudflare-Workers", signedIn: false })
  const secret = readFileSync(join(dataDir, "auth-secret"), "utf8")
  expect(secret.trim().length).toBeGreaterThanOrEqual(32)

  expect(await interrupt(first.child)).toBe(0)
  expect(first.output()).toContain("Stopping")
  await expect(fetch(`${app}/`)).rejects.toThrow()

  const second = await start(port)
  try {
    expect(second.output()).toContain("Table next-auth: exists")
    expect(readFileSync(join(dataDir, "auth-secret"), "utf8")).toBe(secret)
    expect((await fetch(`${app}/api/auth/providers`)).status).toBe(200)
  } finally {
    expect(await interrupt(second.child)).toBe(0)
  }
}, 240_000)
