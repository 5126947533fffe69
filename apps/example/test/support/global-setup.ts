/**
 * Starts what the browser tests need, once: Chromium (installed if missing), a fresh build
 * when sources changed, and the stack on free ports with DynamoDB Local in memory.
 */
import { randomBytes } from "node:crypto"
import { createWriteStream } from "node:fs"
import { join } from "node:path"
import { freePort } from "@dynamoauth/testing/dynamodb-local"
import type { TestProject } from "vitest/node"
import { buildIfNeeded } from "../../scripts/stack/build"
import { startStack } from "../../scripts/stack/stack"
import { artifactsDir } from "./artifacts"
import { ensureChromium } from "./chromium"

declare module "vitest" {
  export interface ProvidedContext {
    appUrl: string
    workerUrl: string
    endpoint: string
    tableName: string
    chromium: string
  }
}

export default async function setup(project: TestProject) {
  const chromium = ensureChromium()
  const log = (line: string) => console.log(`[example test] ${line}`)
  await buildIfNeeded(log)
  const tableName = "example-e2e"
  const serverOutput = createWriteStream(join(artifactsDir(), "server.log"))
  const stack = await startStack({
    aws: false,
    appPort: await freePort(),
    authSecret: randomBytes(32).toString("base64url"),
    tableName,
    log,
    // Kept as an artifact (and read by a test) rather than flooding the test report.
    onServerOutput: (chunk) => serverOutput.write(chunk),
  })
  project.provide("appUrl", stack.appUrl)
  project.provide("workerUrl", stack.workerUrl)
  project.provide("endpoint", stack.endpoint ?? "")
  project.provide("tableName", tableName)
  project.provide("chromium", chromium)
  return async () => {
    await stack.stop()
    serverOutput.end()
  }
}
