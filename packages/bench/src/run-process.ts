/** Runs a child process to completion, keeping its output (for the scripts the bench reuses). */
import { spawn } from "node:child_process"

export interface ProcessResult {
  code: number | null
  stdout: string
  stderr: string
}

export function runProcess(
  command: string,
  args: readonly string[],
  options: {
    cwd: string
    timeoutMs: number
    echo?: boolean
    env?: Record<string, string | undefined>
  },
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        // The SDK warns about Node 20 on every client; the warning would end up in the figures' output.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        ...options.env,
      },
    })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk
      if (options.echo) process.stdout.write(chunk)
    })
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk
      if (options.echo) process.stderr.write(chunk)
    })
    const timer = setTimeout(() => child.kill("SIGTERM"), options.timeoutMs)
    child.on("error", (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}
