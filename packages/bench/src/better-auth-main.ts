/**
 * `pnpm --filter @dynamoauth/bench bench:better-auth`: measures only the Better Auth flows (and their capacity units)
 * (requests per step are exact counts, not timings) and replaces their section of
 * BENCHMARKS.md, leaving every other figure as `pnpm bench` wrote it.
 */
import { readFile, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { createTableInput } from "@dynamoauth/core"
import { startDynamoDBLocal } from "@dynamoauth/testing/dynamodb-local"
import { startFaultProxy } from "@dynamoauth/testing/fault-proxy"
import { rawRequest } from "@dynamoauth/testing/raw-request"
import {
  measureBetterAuthFlows,
  renderBetterAuthSection,
  renderCapacitySection,
  spliceSection,
} from "./better-auth-flows.js"
import { repoRoot } from "./paths.js"
import { createTargets } from "./targets.js"

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true"
const db = await startDynamoDBLocal()
const proxy = await startFaultProxy({ target: db.endpoint })
try {
  const tableName = `bench-${crypto.randomUUID().slice(0, 8)}`
  await rawRequest(db.endpoint, "CreateTable", createTableInput({ tableName }))
  const result = await measureBetterAuthFlows(
    createTargets(proxy.endpoint, tableName),
    proxy,
    tableName,
  )
  const file = join(repoRoot, "BENCHMARKS.md")
  const sections = [renderBetterAuthSection(result), renderCapacitySection(result)]
  await writeFile(file, sections.reduce(spliceSection, await readFile(file, "utf8")))
  console.log(sections.join("\n\n"))
} finally {
  await proxy.close()
  await db.stop()
}
