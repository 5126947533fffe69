/** The machine and the versions a run measured, for the report. */
import { readFile } from "node:fs/promises"
import { cpus, release, totalmem, type } from "node:os"
import { join } from "node:path"
import { DYNAMODB_LOCAL_PACKAGE } from "@dynamoauth/testing/dynamodb-local"
import { benchDir, edgeDir, repoRoot } from "./paths.js"
import type { Machine } from "./results.js"
import { runProcess } from "./run-process.js"

export async function describeMachine(): Promise<Machine> {
  const java = await runProcess("java", ["-version"], { cwd: repoRoot, timeoutMs: 30_000 })
  return {
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores: cpus().length,
    memoryGiB: totalmem() / 2 ** 30,
    os: `${type()} ${release()}`,
    node: process.version,
    // `java -version` writes to stderr; its first line names the version.
    java: java.stderr.split("\n")[0]?.trim() || "unknown",
  }
}

async function versionOf(dir: string, name: string): Promise<string> {
  const json = JSON.parse(await readFile(join(dir, "node_modules", name, "package.json"), "utf8"))
  return json.version
}

export async function describeVersions(): Promise<Record<string, string>> {
  const head = await git(["rev-parse", "--short", "HEAD"])
  const ours = ["packages/core", "packages/adapter-node", "packages/adapter-edge"]
  const dirty = (await git(["status", "--porcelain", "--", ...ours])).trim() !== ""
  return {
    "dynamoauth (core, adapter-node, adapter-edge)": `commit ${head.trim()}${dirty ? ", with uncommitted changes in the working tree" : ""}`,
    "@auth/dynamodb-adapter": await versionOf(benchDir, "@auth/dynamodb-adapter"),
    "@aws-sdk/client-dynamodb": await versionOf(benchDir, "@aws-sdk/client-dynamodb"),
    "@aws-sdk/lib-dynamodb": await versionOf(benchDir, "@aws-sdk/lib-dynamodb"),
    aws4fetch: await versionOf(edgeDir, "aws4fetch"),
    "@auth/core": await versionOf(benchDir, "@auth/core"),
    esbuild: await versionOf(benchDir, "esbuild"),
    "DynamoDB Local": `from npm ${DYNAMODB_LOCAL_PACKAGE}`,
  }
}

async function git(args: string[]): Promise<string> {
  const out = await runProcess("git", args, { cwd: repoRoot, timeoutMs: 30_000 })
  if (out.code !== 0) throw new Error(`git ${args.join(" ")} failed: ${out.stderr}`)
  return out.stdout
}
