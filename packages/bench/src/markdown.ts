/** Markdown building blocks of the report: tables and number formats. */

/** A table whose first column is a label and, unless `text`, every other column a right-aligned figure. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  options: { text?: boolean } = {},
): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`
  const rule = headers.map((_, i) => (i === 0 || options.text ? "---" : "---:"))
  for (const row of rows) {
    if (row.length !== headers.length) {
      throw new RangeError(`row "${row[0]}" has ${row.length} cells, the table ${headers.length}`)
    }
  }
  return [line(headers), line(rule), ...rows.map(line)].join("\n")
}

/** Ours ÷ official, the figure the report claims; below 1 means ours costs less. */
export function ratio(ours: number | undefined, official: number | undefined): string {
  if (ours === undefined || official === undefined) return "—"
  if (official === 0) return ours === 0 ? "1.00×" : "—"
  return `${(ours / official).toFixed(2)}×`
}

/** Milliseconds: one decimal, enough against a 10 ms delay per request. */
export const ms = (value: number) => value.toFixed(1)

/** Microseconds, rounded: CPU per call varies more than a microsecond between runs. */
export const micros = (value: number) => Math.round(value).toLocaleString("en-US")

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

export const total = (counts: Record<string, number>) =>
  Object.values(counts).reduce((sum, n) => sum + n, 0)

/** "2 (Query 1, GetItem 1)": the total, then the requests by DynamoDB operation. */
export function requestCell(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([operation, n]) => `${operation} ${n}`)
  return parts.length === 0 ? "0" : `${total(counts)} (${parts.join(", ")})`
}
