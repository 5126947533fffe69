/** Serves the built app with `next start` on 127.0.0.1 and stops it again. */
import { spawn } from "node:child_process"
import { join } from "node:path"
import { APP_DIR } from "./paths"
import { waitForHttp } from "./wait-for-http"

export interface NextServer {
  url: string
  stop(): Promise<void>
}

export async function startNext(options: {
  port: number
  env: Record<string, string>
  /** Where the server's output goes; the console by default. */
  onOutput?: (chunk: string) => void
}): Promise<NextServer> {
  const url = `http://127.0.0.1:${options.port}`
  const child = spawn(
    process.execPath,
    [
      join(APP_DIR, "node_modules/next/dist/bin/next"),
      "start",
      "-H",
      "127.0.0.1",
      "-p",
      String(options.port),
    ],
    {
      cwd: APP_DIR,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group: `next start` runs the server in a child process, and both
      // must go when we stop (or die).
      detached: true,
    },
  )
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal)
    } catch {
      // Already gone.
    }
  }
  const killOnExit = () => killGroup("SIGKILL")
  process.once("exit", killOnExit)
  const write = options.onOutput ?? ((chunk: string) => process.stdout.write(chunk))
  child.stdout.setEncoding("utf8").on("data", write)
  child.stderr.setEncoding("utf8").on("data", write)
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) killGroup("SIGTERM")
    await exited
    // The server process may outlive its parent for a moment; make sure the group is gone.
    killGroup("SIGKILL")
    process.removeListener("exit", killOnExit)
  }
  try {
    await waitForHttp(`${url}/api/auth/providers`, 60_000, () => child.exitCode === null)
  } catch (error) {
    await stop()
    throw error
  }
  return { url, stop }
}
