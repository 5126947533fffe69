/**
 * The `dynamoauth` CLI as users get it: the installed tarball's bin (dist, plain JavaScript)
 * against DynamoDB Local, and the bin a checkout links after `pnpm install` (sources via tsx).
 */
import { execFile } from "node:child_process"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { uniqueName } from "@dynamoauth/testing/contract"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { expect, inject, it } from "vitest"

const CLI_TIMEOUT_MS = 60_000
const repoRoot = fileURLToPath(new URL("../..", import.meta.url))

async function dynamoauth(bin: string, args: string[]) {
  try {
    const { stdout } = await promisify(execFile)(bin, args, {
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: "test",
        AWS_SECRET_ACCESS_KEY: "local-placeholder",
        AWS_REGION: "us-east-1",
      },
    })
    return { code: 0, stdout }
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string }
    return { code, stdout: `${stdout}\n${stderr}` }
  }
}

it(
  "the installed bin creates a table and checks it",
  async () => {
    const bin = join(inject("consumerDir"), "node_modules", ".bin", "dynamoauth")
    const table = uniqueName("cli")
    const connection = ["--table", table, "--endpoint", dynamodbEndpoint()]
    const init = await dynamoauth(bin, ["init", ...connection, "--json"])
    expect(init.code, init.stdout).toBe(0)
    expect(JSON.parse(init.stdout)).toMatchObject({ table, created: true })
    const doctor = await dynamoauth(bin, ["doctor", ...connection, "--json"])
    expect(doctor.code, doctor.stdout).toBe(0)
    expect(JSON.parse(doctor.stdout)).toMatchObject({ ok: true })
  },
  CLI_TIMEOUT_MS,
)

it(
  "a checkout's bin (node_modules/.bin/dynamoauth at the root) runs from the sources",
  async () => {
    const bin = join(repoRoot, "node_modules", ".bin", "dynamoauth")
    const help = await dynamoauth(bin, ["--help"])
    expect(help.code, help.stdout).toBe(0)
    expect(help.stdout).toContain("Usage: dynamoauth <command> [options]")
    const printed = await dynamoauth(bin, [
      "init",
      "--print",
      "cloudformation",
      "--table",
      "next-auth",
    ])
    expect(printed.code, printed.stdout).toBe(0)
    expect(printed.stdout).toContain("AWS::DynamoDB::Table")
  },
  CLI_TIMEOUT_MS,
)
