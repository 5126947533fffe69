import { spawn } from "node:child_process"

/** Output kept from a child process for error messages: the tail is what explains a failure. */
const MAX_OUTPUT_CHARS = 16_000

export function appendTail(buffer: string, chunk: string): string {
  const joined = buffer + chunk
  return joined.length > MAX_OUTPUT_CHARS ? joined.slice(-MAX_OUTPUT_CHARS) : joined
}

/** Runs a command to completion; rejects with its output when it fails or cannot start. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; what: string; env?: Record<string, string> },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      stdio: ["ignore", "pipe", "pipe"],
      // Added to this process's environment.
      ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    })
    let stdout = ""
    let output = ""
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout = appendTail(stdout, chunk)
      output = appendTail(output, chunk)
    })
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      output = appendTail(output, chunk)
    })
    child.on("error", (error: NodeJS.ErrnoException) => {
      const hint = error.code === "ENOENT" ? ` (is \`${command}\` on PATH?)` : ""
      reject(new Error(`${options.what}: could not run ${command}: ${error.code}${hint}`))
    })
    child.on("close", (code, signal) => {
      if (code === 0) resolve(stdout)
      else {
        const status = signal ? `signal ${signal}` : `exit code ${code}`
        reject(new Error(`${options.what}: ${command} failed with ${status}\n${output}`))
      }
    })
  })
}
