/**
 * Migration throughput and peak memory, from `@dynamoauth/migrate`'s own
 * bench script (its package.json `bench`), run as a child process: this bench
 * only carries over the table that script prints.
 */
import { existsSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { delimiter, join } from "node:path"
import { benchDir, migrateDir, repoRoot } from "./paths.js"
import type { MigrationResult } from "./results.js"
import { runProcess } from "./run-process.js"

/** 10k and 100k items can take a while on two shared cores. */
const TIMEOUT_MS = 20 * 60_000

export async function measureMigration(): Promise<MigrationResult> {
  const manifest = JSON.parse(await readFile(join(migrateDir, "package.json"), "utf8"))
  const script: string | undefined = manifest.scripts?.bench
  const entry = script?.match(/\bbench\/\S+\.ts\b/)?.[0]
  if (!script || (entry && !existsSync(join(migrateDir, entry)))) {
    return {
      kind: "missing",
      note: `Not measured: \`packages/migrate\` has no runnable bench script yet (${script ? `\`${script}\` names a file that does not exist` : "no `bench` script"}). Run \`pnpm bench\` again once it has one.`,
    }
  }
  const PATH = [
    join(benchDir, "node_modules/.bin"),
    join(repoRoot, "node_modules/.bin"),
    process.env.PATH,
  ].join(delimiter)
  const started = Date.now()
  const out = await runProcess("sh", ["-c", script], {
    cwd: migrateDir,
    timeoutMs: TIMEOUT_MS,
    echo: true,
    env: { PATH },
  })
  const seconds = Math.round((Date.now() - started) / 1000)
  const source = `\`${script}\` in packages/migrate (its default sizes), ${seconds} s`
  if (out.code !== 0) {
    return {
      kind: "text",
      note: `${source}: it failed (exit ${out.code}); the end of its output:`,
      text: `${out.stdout}\n${out.stderr}`.slice(-3000),
    }
  }
  const parsed = parseConsoleTable(out.stdout)
  if (parsed)
    return { kind: "table", ...parsed, note: `From ${source}; columns as it prints them.` }
  return { kind: "text", note: `${source}; its output:`, text: out.stdout.slice(-3000) }
}

/**
 * The last `console.table` in `stdout` (box-drawing rows), without the index column and the
 * quotes Node puts around strings; undefined when there is none.
 */
export function parseConsoleTable(
  stdout: string,
): { headers: string[]; rows: string[][] } | undefined {
  const lines = stdout.split("\n").filter((line) => line.startsWith("│"))
  if (lines.length < 2) return undefined
  const cells = (line: string) =>
    line
      .split("│")
      .slice(1, -1)
      .map((cell) => cell.trim().replace(/^'(.*)'$/, "$1"))
  const [header, ...body] = lines.map(cells)
  const indexColumn = header![0] === "(index)" ? 1 : 0
  const width = header!.length
  // Several tables: keep the last one (the rows after the last header line).
  const lastHeader = body.map((row) => row[0]).lastIndexOf("(index)")
  const rows = body.slice(lastHeader + 1).filter((row) => row.length === width)
  if (rows.length === 0) return undefined
  return { headers: header!.slice(indexColumn), rows: rows.map((row) => row.slice(indexColumn)) }
}
