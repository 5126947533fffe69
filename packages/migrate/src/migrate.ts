/**
 * The three migration commands. Each scans the table and returns a Report;
 * only `runMigration` writes.
 */
import { runEngine } from "./engine.js"
import type { MigrateOptions } from "./options.js"
import type { Report } from "./report.js"

/** Dry run: counts per item kind and per change, a few before/after samples. Writes nothing. */
export function planMigration(options: MigrateOptions): Promise<Report> {
  return runEngine("plan", options)
}

/** Applies the migration, in place or into `targetTable`. Safe on a live table; resumable with `checkpoint`. */
export function runMigration(options: MigrateOptions): Promise<Report> {
  return runEngine("run", options)
}

/** Checks that every item conforms to the current layout (`report.ok`). Writes nothing. */
export function verifyMigration(options: MigrateOptions): Promise<Report> {
  return runEngine("verify", options)
}
