import { spawn } from "node:child_process"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import { rawRequest } from "../raw-request.js"
import { listeningAddresses } from "../test-support/listening-addresses.js"

const CLI = fileURLToPath(new URL("./cli.ts", import.meta.url))

describe("dynamodb-local CLI", () => {
  const cleanup: (() => Promise<unknown> | unknown)[] = []
  afterAll(async () => {
    for (const step of cleanup) await step()
  })

  it("serves a persistent database until SIGTERM, then exits 0 and frees the port", async () => {
    const dbPath = await mkdtemp(join(tmpdir(), "dynamoauth-cli-"))
    cleanup.push(() => rm(dbPath, { recursive: true, force: true }))
    const child = spawn(process.execPath, ["--import", "tsx", CLI, "--db-path", dbPath], {
      stdio: ["ignore", "pipe", "inherit"],
    })
    cleanup.push(() => child.kill("SIGKILL"))
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve))

    const line = await new Promise<string>((resolve, reject) => {
      let out = ""
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        out += chunk
        if (out.includes("\n")) resolve(out.trim())
      })
      child.once("exit", (code) => reject(new Error(`CLI exited early with ${code}`)))
    })
    expect(line).toMatch(/^DynamoDB Local: http:\/\/127\.0\.0\.1:\d+ \(data in .+\)$/)
    const endpoint = line.split(" ")[2]!
    expect(Array.isArray((await rawRequest(endpoint, "ListTables", {})).TableNames)).toBe(true)

    child.kill("SIGTERM")
    expect(await exited).toBe(0)
    expect(await listeningAddresses(Number(new URL(endpoint).port))).toEqual([])
  })

  it("rejects a bad --port", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI, "--port", "http"], {
      stdio: ["ignore", "ignore", "pipe"],
    })
    let err = ""
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      err += chunk
    })
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve))
    expect(code).toBe(2)
    expect(err).toContain("--port must be a TCP port number, got http")
  })
})
