import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process"
import { mkdir } from "node:fs/promises"
import { delimiter, join, resolve } from "node:path"
import { setTimeout as sleep } from "node:timers/promises"
import { rawRequest } from "../raw-request.js"
import { DYNAMODB_LOCAL_JAR, DYNAMODB_LOCAL_LIB, ensureDynamoDBLocal } from "./ensure.js"
import { freePort } from "./free-port.js"
import { ensureLauncher, LAUNCHER_CLASS } from "./launcher.js"
import { appendTail } from "./run-command.js"

export interface StartDynamoDBLocalOptions {
  /** Port on 127.0.0.1. Default: a free port chosen by the kernel. */
  port?: number
  /**
   * Folder of a persistent database (created when missing). Default: none, the database lives in
   * memory (`-inMemory`) and disappears on stop.
   */
  dbPath?: string
  /**
   * One database for every access key and region (`-sharedDb`). Default: true, so the AWS SDK,
   * aws4fetch and raw requests see the same tables whatever credentials they carry.
   */
  sharedDb?: boolean
  /** How long to wait for the first answer before giving up. Default: 30 000 ms. */
  startTimeoutMs?: number
}

export interface DynamoDBLocal {
  /** `http://127.0.0.1:<port>` */
  endpoint: string
  port: number
  /** Stops the server and resolves once the Java process has exited. Idempotent. */
  stop(): Promise<void>
}

// Generous: on a loaded 2-core machine the JVM can take well over 30 s to answer.
const DEFAULT_START_TIMEOUT_MS = 120_000
/** Time the JVM gets to shut down cleanly (and flush a -dbPath database) before SIGKILL. */
const STOP_GRACE_MS = 5_000
const READY_POLL_MS = 100
const READY_REQUEST_TIMEOUT_MS = 2_000
/** A kernel-chosen port can be taken by someone else before Java binds it: retry a few times. */
const PORT_ATTEMPTS = 3
/** Exit code of the launcher when Jetty could not bind. */
const EXIT_BIND_FAILED = 3
const READY_LINE = /LoopbackDynamoDBLocal: listening on 127\.0\.0\.1:(\d+)/

class PortInUseError extends Error {}

/** Names the DynamoDB Local a whole test command shares (see `sharedDynamoDBLocal`). */
export const SHARED_ENDPOINT_ENV = "DYNAMOAUTH_DYNAMODB_ENDPOINT"

/**
 * The DynamoDB Local named by DYNAMOAUTH_DYNAMODB_ENDPOINT, which the root test command starts
 * once for every package, or undefined when it is not set. Its `stop()` leaves the server
 * running: the command that started it stops it. Tests create and delete tables freely, so
 * only a loopback endpoint is accepted, never a real AWS one.
 */
export function sharedDynamoDBLocal(): DynamoDBLocal | undefined {
  const endpoint = process.env[SHARED_ENDPOINT_ENV]
  if (!endpoint) return undefined
  const url = new URL(endpoint)
  if (url.protocol !== "http:" || url.hostname !== "127.0.0.1" || !url.port) {
    throw new Error(
      `sharedDynamoDBLocal: ${SHARED_ENDPOINT_ENV} must be http://127.0.0.1:<port> (a DynamoDB Local on loopback), got ${endpoint}`,
    )
  }
  return { endpoint: url.origin, port: Number(url.port), stop: async () => {} }
}

/**
 * Starts DynamoDB Local on 127.0.0.1 (never on other interfaces) and resolves once it answers a
 * ListTables request. It is killed when this Node process exits, and stops by itself if this
 * process dies without cleaning up (it watches its standard input).
 */
export async function startDynamoDBLocal(
  options: StartDynamoDBLocalOptions = {},
): Promise<DynamoDBLocal> {
  const { dir } = await ensureDynamoDBLocal()
  const launcherDir = await ensureLauncher(dir)
  const dbPath = options.dbPath === undefined ? undefined : resolve(options.dbPath)
  if (dbPath) await mkdir(dbPath, { recursive: true })
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort())
    try {
      return await launch({ dir, launcherDir, port, dbPath, options })
    } catch (error) {
      const retry = error instanceof PortInUseError && options.port === undefined
      if (!retry || attempt >= PORT_ATTEMPTS) throw error
    }
  }
}

interface LaunchInput {
  dir: string
  launcherDir: string
  port: number
  dbPath: string | undefined
  options: StartDynamoDBLocalOptions
}

async function launch(input: LaunchInput): Promise<DynamoDBLocal> {
  const { dir, launcherDir, port, dbPath, options } = input
  const args = [
    `-Djava.library.path=${join(dir, DYNAMODB_LOCAL_LIB)}`,
    // Two cores are shared with Node and the tests: a serial collector keeps the JVM lean, and
    // stopping at the C1 compiler halved start-up (about 6 s to 3 s) and was faster over the
    // first thousands of requests, which is all a test run makes.
    "-XX:+UseSerialGC",
    "-XX:TieredStopAtLevel=1",
    "-cp",
    [launcherDir, join(dir, DYNAMODB_LOCAL_JAR)].join(delimiter),
    LAUNCHER_CLASS,
    "-disableTelemetry",
    "-port",
    String(port),
    ...(dbPath ? ["-dbPath", dbPath] : ["-inMemory"]),
    ...(options.sharedDb === false ? [] : ["-sharedDb"]),
  ]
  const child: ChildProcessWithoutNullStreams = spawn("java", args, { cwd: dir })
  let output = ""
  let announced = false
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output = appendTail(output, chunk)
    if (READY_LINE.test(output)) announced = true
  })
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    output = appendTail(output, chunk)
  })
  // The launcher stops when stdin closes; an EPIPE on it only means the JVM is already gone.
  child.stdin.on("error", () => {})

  let exitStatus: string | undefined
  let exitCode: number | null = null
  const exited = new Promise<void>((resolveExit) => {
    child.once("error", (error: NodeJS.ErrnoException) => {
      exitStatus = `could not run java: ${error.code}${error.code === "ENOENT" ? " (is a Java 11+ JDK on PATH?)" : ""}`
      resolveExit()
    })
    child.once("exit", (code, signal) => {
      exitCode = code
      exitStatus = signal ? `killed by ${signal}` : `exited with code ${code}`
      resolveExit()
    })
  })
  const killOnExit = () => child.kill("SIGKILL")
  process.once("exit", killOnExit)
  void exited.then(() => process.removeListener("exit", killOnExit))

  const stop = async () => {
    if (exitStatus === undefined) {
      child.stdin.end()
      const timer = sleep(STOP_GRACE_MS, "timeout" as const)
      if ((await Promise.race([exited, timer])) === "timeout") child.kill("SIGKILL")
    }
    await exited
  }

  const endpoint = `http://127.0.0.1:${port}`
  const timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (exitStatus !== undefined) {
      if (exitCode === EXIT_BIND_FAILED)
        throw new PortInUseError(`startDynamoDBLocal: port ${port} is in use on 127.0.0.1`)
      throw new Error(`startDynamoDBLocal: DynamoDB Local ${exitStatus}. Java output:\n${output}`)
    }
    // Wait for the launcher's own line first: another server may already answer on this port.
    if (announced && (await answers(endpoint))) break
    if (Date.now() > deadline) {
      await stop()
      throw new Error(
        `startDynamoDBLocal: DynamoDB Local did not answer ListTables on ${endpoint} within ${timeoutMs} ms. Java output:\n${output}`,
      )
    }
    await sleep(READY_POLL_MS)
  }
  return { endpoint, port, stop }
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    await rawRequest(
      endpoint,
      "ListTables",
      { Limit: 1 },
      {
        signal: AbortSignal.timeout(READY_REQUEST_TIMEOUT_MS),
      },
    )
    return true
  } catch {
    return false
  }
}
