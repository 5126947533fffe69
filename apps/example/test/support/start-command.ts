/**
 * The package's `start` command (the README's first command) as the tests run it: the global
 * setup serves every test through it, and start-command.test.ts stops it with Ctrl-C and starts
 * it again on the same data. Without `DYNAMOAUTH_TABLE` and `AUTH_SECRET` it must choose
 * DynamoDB Local and its own secret, whatever this machine has set.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { APP_DIR } from "../../scripts/stack/paths"

/** What the package's `start` script runs (start-command.test.ts checks it), minus the `node`. */
export const START_ARGS = ["--import", "tsx", "scripts/start.ts"]

/** The line `start` prints once everything is up, with the URL to open. */
const READY = /dynamoauth example ready: (http:\/\/\S+)/
/** How long the start-up may take; a build, when the sources changed, comes on top. */
const START_TIMEOUT_MS = 120_000

export interface Started {
  child: ChildProcess
  /** The URL `start` printed (on localhost). */
  url: string
  /** Everything it printed so far. */
  output: () => string
}

/**
 * Runs `start` on `port` with its data in `dataDir` and resolves once it prints that it is
 * ready. `onOutput` sees its output as it comes; `timeoutMs` is for the global setup, whose
 * `start` may build the app first.
 */
export async function startCommand(options: {
  port: number
  dataDir: string
  onOutput?: (chunk: string) => void
  timeoutMs?: number
}): Promise<Started> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(options.port),
    DYNAMOAUTH_DATA_DIR: options.dataDir,
  }
  delete env.DYNAMOAUTH_TABLE
  delete env.AUTH_SECRET
  const child = spawn(process.execPath, START_ARGS, {
    cwd: APP_DIR,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  const collect = (chunk: string) => {
    output += chunk
    options.onOutput?.(chunk)
  }
  child.stdout?.setEncoding("utf8").on("data", collect)
  child.stderr?.setEncoding("utf8").on("data", collect)
  const deadline = Date.now() + (options.timeoutMs ?? START_TIMEOUT_MS)
  for (;;) {
    const ready = READY.exec(output)
    if (ready?.[1]) return { child, url: ready[1], output: () => output }
    if (child.exitCode !== null) throw new Error(`start exited early:\n${output}`)
    if (Date.now() > deadline) {
      await interrupt(child)
      throw new Error(`start did not become ready:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** Ctrl-C: resolves with the exit code once the command has exited. */
export async function interrupt(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  )
  child.kill("SIGINT")
  return exited
}
