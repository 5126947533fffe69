/**
 * Starts what the browser tests need, once: Chromium (installed if missing), and the package's
 * own `start` command (it builds the app when sources changed) on a free port, with its data
 * in a scratch folder. Serving the tests through `start` tests the first start of the README's
 * command; start-command.test.ts, which runs last (vitest.config.ts), stops it with Ctrl-C and
 * starts it again on the same data.
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { freePort } from "@dynamoauth/testing/dynamodb-local"
import type { TestProject } from "vitest/node"
import { artifactsDir } from "./artifacts"
import { ensureChromium } from "./chromium"
import { interrupt, startCommand } from "./start-command"

/** The global setup's `start` command, for start-command.test.ts. */
export interface StartedByGlobalSetup {
  pid: number
  port: number
  /** What `start` printed as ready (on localhost). */
  url: string
  dataDir: string
  /** Its output so far (kept as an artifact, and read by tests). */
  log: string
  /** Written when it exits: its exit code. */
  exitFile: string
}

declare module "vitest" {
  export interface ProvidedContext {
    appUrl: string
    workerUrl: string
    endpoint: string
    tableName: string
    chromium: string
    start: StartedByGlobalSetup
  }
}

const printed = (output: string, pattern: RegExp) => {
  const found = pattern.exec(output)?.[1]
  if (!found) throw new Error(`global setup: start did not print ${pattern}:\n${output}`)
  return found
}

export default async function setup(project: TestProject) {
  const chromium = ensureChromium()
  const dataDir = mkdtempSync(join(tmpdir(), "dynamoauth-example-start-"))
  const log = join(artifactsDir(), "server.log")
  const exitFile = join(artifactsDir(), "start-exit-code")
  writeFileSync(log, "")
  rmSync(exitFile, { force: true })
  const port = await freePort()
  const started = await startCommand({
    port,
    dataDir,
    // Kept as an artifact (and read by tests) rather than flooding the test report.
    onOutput: (chunk) => appendFileSync(log, chunk),
    // It may build the app first.
    timeoutMs: 600_000,
  })
  started.child.once("exit", (code) => writeFileSync(exitFile, String(code)))
  const output = started.output()
  project.provide("appUrl", `http://127.0.0.1:${port}`)
  project.provide("workerUrl", printed(output, /Worker \(miniflare\) on (http:\/\/\S+),/))
  project.provide("endpoint", printed(output, /DynamoDB Local on (http:\/\/\S+)/))
  project.provide("tableName", printed(output, /Table (\S+): created/))
  project.provide("chromium", chromium)
  project.provide("start", {
    pid: started.child.pid as number,
    port,
    url: started.url,
    dataDir,
    log,
    exitFile,
  })
  return async () => {
    await interrupt(started.child)
    rmSync(dataDir, { recursive: true, force: true })
  }
}
