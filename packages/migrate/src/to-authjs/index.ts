/**
 * The migration to the current Auth.js layout (v3-era and 1.0.x shapes →
 * what `@auth/dynamodb-adapter` and dynamoauth read): the three commands.
 * Each scans the table and returns a Report; only `runMigration` writes.
 */
import type { MigrateOptions } from "../options.js"
import type { Report } from "../report/report.js"
import { runAuthjsCommand } from "./commands.js"

/** Dry run: counts per item kind and per change, a few before/after samples. Writes nothing. */
export function planMigration(options: MigrateOptions): Promise<Report> {
  return runAuthjsCommand("plan", options)
}

/** Applies the migration, in place or into `targetTable`. Safe on a live table; resumable with `checkpoint`. */
export function runMigration(options: MigrateOptions): Promise<Report> {
  return runAuthjsCommand("run", options)
}

/** Checks that every item conforms to the current layout (`report.ok`). Writes nothing. */
export function verifyMigration(options: MigrateOptions): Promise<Report> {
  return runAuthjsCommand("verify", options)
}
