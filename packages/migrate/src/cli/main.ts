#!/usr/bin/env node
/**
 * The `dynamoauth` CLI: parses flags, draws progress, prints reports and sets
 * exit codes. Everything else is the library (../index.ts).
 */
import { writeFile } from "node:fs/promises"
import { isDynamoAuthError, type Transport } from "@dynamoauth/core"
import { doctor } from "../doctor/doctor.js"
import { cdkSnippet, cloudFormationTemplate } from "../init/infrastructure.js"
import { initTable } from "../init/init.js"
import type { Report } from "../report/report.js"
import { planMigration, runMigration, verifyMigration } from "../to-authjs/index.js"
import {
  planBetterAuthMigration,
  runBetterAuthMigration,
  verifyBetterAuthMigration,
} from "../to-better-auth/index.js"
import { type Command, parseCommand, UsageError } from "./args.js"
import { checkAwsConfiguration, createTransport } from "./aws.js"
import { EXIT } from "./exit-codes.js"
import { HELP } from "./help.js"
import { createProgressBar } from "./progress.js"
import { printDoctor, printMigrate } from "./summary.js"

export async function main(argv: string[]): Promise<number> {
  let command: Command
  try {
    command = parseCommand(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`dynamoauth: ${error.message}\nRun "dynamoauth --help" for usage.\n`)
    return EXIT.usage
  }
  if (command.name === "help") {
    process.stdout.write(`${HELP[command.topic]}\n`)
    return EXIT.ok
  }
  if (command.name === "init" && command.print) {
    process.stdout.write(
      command.print === "cdk" ? cdkSnippet(command.table) : cloudFormationTemplate(command.table),
    )
    return EXIT.ok
  }
  const { transport, client, close } = createTransport(command.connection)
  const signals = stopOnSignals()
  try {
    await checkAwsConfiguration(client)
    if (command.name === "init") return await init(command, transport, signals.signal)
    if (command.name === "doctor") return await checkTable(command, transport)
    const report = await migrate(command, transport, signals.signal)
    return report.interrupted ? signals.code() : report.ok ? EXIT.ok : EXIT.attention
  } catch (error) {
    if (
      error instanceof UsageError ||
      (isDynamoAuthError(error) && error.code === "INVALID_OPTION")
    ) {
      process.stderr.write(`dynamoauth: ${(error as Error).message}\n`)
      return EXIT.usage
    }
    process.stderr.write(
      `dynamoauth: ${isDynamoAuthError(error) ? error.message : String((error as Error)?.message ?? error)}\n`,
    )
    return EXIT.error
  } finally {
    signals.off()
    close()
  }
}

/**
 * SIGINT and SIGTERM stop the command after the writes in flight (a second
 * one stops at once); `code()` is the exit code of the signal received.
 */
function stopOnSignals() {
  const controller = new AbortController()
  let stopCode: number = EXIT.interrupted
  const stop = (code: number) => () => {
    if (controller.signal.aborted) process.exit(code) // a second signal: stop now
    stopCode = code
    controller.abort()
    process.stderr.write(
      "\ndynamoauth: stopping after the writes in flight (again to stop at once)…\n",
    )
  }
  const onInt = stop(EXIT.interrupted)
  const onTerm = stop(EXIT.terminated)
  process.on("SIGINT", onInt)
  process.on("SIGTERM", onTerm)
  return {
    signal: controller.signal,
    code: () => stopCode,
    off: () => {
      process.off("SIGINT", onInt)
      process.off("SIGTERM", onTerm)
    },
  }
}

type Named<N extends Command["name"]> = Extract<Command, { name: N }>

async function init(command: Named<"init">, transport: Transport, signal: AbortSignal) {
  const result = await initTable({ transport, ...command.table, signal })
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  if (!command.json && !result.created) {
    process.stderr.write(
      `Table "${result.table}" already exists; left as it is. Check it with "dynamoauth doctor".\n`,
    )
  }
  return EXIT.ok
}

async function checkTable(command: Named<"doctor">, transport: Transport) {
  const result = await doctor({
    transport,
    ...command.table,
    ...(command.sampleSize ? { sampleSize: command.sampleSize } : {}),
  })
  if (!command.json) printDoctor(process.stderr, result)
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  return result.ok ? EXIT.ok : EXIT.attention
}

/** plan, run or verify, in either direction: draws progress, prints and saves the report. */
async function migrate(
  command: Named<"migrate">,
  transport: Transport,
  signal: AbortSignal,
): Promise<Report> {
  const tty = process.stderr.isTTY === true && !command.json
  const bar = tty
    ? createProgressBar(process.stderr, await approximateCount(transport, command.table.tableName))
    : undefined
  const run = command.to
    ? {
        plan: planBetterAuthMigration,
        run: runBetterAuthMigration,
        verify: verifyBetterAuthMigration,
      }[command.sub]
    : { plan: planMigration, run: runMigration, verify: verifyMigration }[command.sub]
  const report: Report = await run({
    transport,
    ...command.table,
    ...(command.targetTable ? { targetTable: command.targetTable } : {}),
    ...(command.to
      ? { sessions: command.sessions ?? "keep" }
      : { dropLegacy: command.dropLegacy, strict: command.strict, claims: command.claims }),
    ...(command.totalSegments ? { totalSegments: command.totalSegments } : {}),
    ...(command.segments ? { segments: command.segments } : {}),
    ...(command.concurrency ? { concurrency: command.concurrency } : {}),
    ...(command.pageSize ? { pageSize: command.pageSize } : {}),
    ...(command.batchSize ? { batchSize: command.batchSize } : {}),
    ...(command.checkpoint ? { checkpoint: command.checkpoint } : {}),
    rateLimit: {
      ...(command.maxRps ? { requestsPerSecond: command.maxRps } : {}),
      ...(command.maxWcu ? { writeUnitsPerSecond: command.maxWcu } : {}),
    },
    signal,
    ...(bar ? { onProgress: (p) => bar.update(p, p.segmentsDone === p.segmentsTotal) } : {}),
  })
  bar?.finish()
  const json = JSON.stringify(report, null, 2)
  if (command.report) await writeFile(command.report, `${json}\n`)
  if (!command.json) printMigrate(process.stderr, report, command.checkpoint)
  process.stdout.write(`${json}\n`)
  return report
}

/** DescribeTable's item count (refreshed about every six hours): only for the progress bar. */
async function approximateCount(transport: Transport, tableName = "next-auth") {
  try {
    const out = await transport.send("DescribeTable", { TableName: tableName })
    return Number(out.Table?.ItemCount ?? 0) || undefined
  } catch {
    return undefined
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(
      `dynamoauth: unexpected error: ${String((error as Error)?.stack ?? error)}\n`,
    )
    process.exitCode = EXIT.error
  },
)
