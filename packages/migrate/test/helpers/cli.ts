/** Runs the `dynamoauth` CLI (built once per run by ./cli-bundle.ts) in a child process, as a user would. */
import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { CLI_BUNDLE } from "./cli-bundle.js"
import { CREDENTIALS, REGION } from "./env.js"

const PACKAGE_DIR = fileURLToPath(new URL("../..", import.meta.url))

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export function startCli(args: string[]): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [CLI_BUNDLE, ...args], {
    cwd: PACKAGE_DIR,
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      AWS_REGION: REGION,
    },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let stdout = ""
  let stderr = ""
  child.stdout!.on("data", (chunk) => {
    stdout += chunk
  })
  child.stderr!.on("data", (chunk) => {
    stderr += chunk
  })
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject)
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
  return { child, done }
}

export function runCli(args: string[]): Promise<CliResult> {
  return startCli(args).done
}
