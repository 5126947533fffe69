/** Human-readable summaries on stderr (stdout carries the JSON report). */
import type { DoctorReport } from "../doctor/doctor.js"
import type { Report } from "../report/report.js"
import type { BetterAuthReport } from "../to-better-auth/index.js"

const MARK = { ok: "ok  ", warning: "warn", error: "FAIL" } as const

export function printDoctor(out: NodeJS.WritableStream, report: DoctorReport): void {
  for (const finding of report.findings) {
    out.write(`[${MARK[finding.status]}] ${finding.check}: ${finding.message}\n`)
    if (finding.fix && finding.status !== "ok") out.write(`       fix: ${finding.fix}\n`)
  }
  out.write(
    report.ok ? "The table is ready for the adapter.\n" : "The table needs the fixes above.\n",
  )
}

export function printMigrate(
  out: NodeJS.WritableStream,
  report: Report,
  checkpoint: string | undefined,
): void {
  const lines = [
    `${report.command} ${report.table}${report.targetTable ? ` → ${report.targetTable}` : ""}: ${report.scanned} scanned, ${verb(report)}, ${report.unchanged} unchanged, ${report.failed} failed, ${report.conflicts} conflicts retried (${report.itemsPerSecond} items/s)`,
  ]
  const { readUnits, writeUnits } = report.consumedCapacity
  lines.push(`  consumed ${units(readUnits)} read and ${units(writeUnits)} write capacity units`)
  for (const [change, count] of Object.entries(report.changes)) lines.push(`  ${change}: ${count}`)
  for (const [problem, count] of Object.entries(report.problems))
    lines.push(`  problem ${problem}: ${count}`)
  for (const [status, count] of Object.entries(report.claims))
    lines.push(`  claims ${status}: ${count}`)
  const collisions = (report as Partial<BetterAuthReport>).emailCollisions
  if (collisions?.groups.length) {
    lines.push(
      `${collisions.groups.length} emails are shared by several users once lower-cased (Better Auth lower-cases emails); ${collisions.users} users held back:`,
    )
    for (const { email, users } of collisions.groups) {
      const who = users.map(
        (u) => `${u.id} (${u.email}, ${u.emailVerified ? "verified" : "not verified"})`,
      )
      lines.push(`  ${email}: ${who.join(", ")}`)
    }
    lines.push(collisions.resolve)
  }
  if (report.interrupted)
    lines.push(
      `Interrupted. Run the same command again to resume${checkpoint ? ` (checkpoint ${checkpoint})` : ""}.`,
    )
  else if (report.command === "verify")
    lines.push(
      report.ok
        ? "Every item conforms to the current layout."
        : "Some items do not conform (see the report).",
    )
  else if (report.command === "run" && !report.ok)
    lines.push("Some items failed (see failures in the report); run again to retry them.")
  out.write(`${lines.join("\n")}\n`)
}

/** Capacity units as DynamoDB counts them: halves for eventually consistent reads, at most one decimal here. */
function units(n: number): string {
  return String(Math.round(n * 10) / 10)
}

function verb(report: Report): string {
  if (report.command === "plan") return `${report.migrated} to migrate`
  if (report.command === "verify") return `${report.nonconforming} nonconforming`
  return `${report.migrated} migrated`
}
