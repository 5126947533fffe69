/** One finding of `dynamoauth doctor` (its own file, so the checks and doctor.ts import no cycle). */
export interface Finding {
  check: "table" | "keys" | "index" | "projection" | "ttl" | "items" | "claims"
  status: "ok" | "warning" | "error"
  message: string
  /** What to do about it (a command or a setting). */
  fix?: string
}
