import { describe, expect, it } from "vitest"
import { firstJsonObject } from "./bundle-size.js"
import { parseConsoleTable } from "./migration.js"
import { headlines, renderReport } from "./report.js"
import type { BenchResults, OperationFigures } from "./results.js"

const figures = (
  requests: Record<string, number>,
  medianMs: number,
  cpuMicros: number,
  cpuSamples = [cpuMicros, cpuMicros, cpuMicros],
  waitsPerCall = 1,
): OperationFigures => ({
  requests,
  steady: true,
  medianMs,
  p95Ms: medianMs + 5,
  cpuMicros,
  cpuSamples,
  waitsPerCall,
})

const sample: BenchResults = {
  startedAt: "2026-01-01T00:00:00Z",
  durationSeconds: 300,
  machine: {
    cpu: "Test CPU",
    cores: 2,
    memoryGiB: 8,
    os: "Linux 6",
    node: "v20.20.0",
    java: "openjdk 17",
  },
  versions: { "@auth/dynamodb-adapter": "2.11.3" },
  settings: { delayMs: 10, latencyCalls: 40, cpuCalls: 120, flowRuns: 5, importRuns: 11 },
  operations: [
    {
      name: "getSessionAndUser (warm)",
      figures: {
        official: figures({ Query: 1, GetItem: 1 }, 25, 400, [400, 500, 200], 2),
        node: figures({ BatchGetItem: 1 }, 12.5, 300, [300, 300, 300], 1),
        edge: figures({ BatchGetItem: 1 }, 15, 600, [600, 400, 300], 7.25),
      },
    },
    {
      name: "getAccount",
      figures: { node: figures({ Query: 1 }, 12, 200), edge: figures({ Query: 1 }, 13, 250) },
    },
  ],
  flows: [
    {
      name: "one instance",
      figures: {
        official: { requests: { Query: 40, GetItem: 20 }, medianMs: 800 },
        node: { requests: { BatchGetItem: 20, Query: 10 }, medianMs: 400 },
        edge: { requests: { BatchGetItem: 20, Query: 10 }, medianMs: 440 },
      },
    },
  ],
  bundle: {
    official: { minifiedBytes: 245_760, gzipBytes: 76_800 },
    node: { minifiedBytes: 256_000, gzipBytes: 81_920 },
    edge: { minifiedBytes: 30_720, gzipBytes: 10_240 },
  },
  imports: {
    official: { medianMs: 400, samples: [400], modules: ["@auth/dynamodb-adapter"] },
    node: { medianMs: 420, samples: [420], modules: ["@dynamoauth/adapter-node (bundled)"] },
    edge: { medianMs: 8, samples: [8], modules: ["@dynamoauth/adapter-edge (bundled)"] },
  },
  migration: {
    kind: "table",
    headers: ["items", "items/s", "peak RSS MB"],
    rows: [["10000", "2500", "80"]],
    note: "From migrate's bench.",
  },
  problems: [],
}

/** The markdown tables of a document, each as rows of trimmed cells (rule rows dropped). */
function tables(markdown: string): string[][][] {
  return markdown
    .split("\n\n")
    .filter((block) => block.startsWith("| "))
    .map((block) =>
      block
        .split("\n")
        .filter((line) => line.startsWith("|") && !/^\|[\s\-:|]+\|$/.test(line))
        .map((line) =>
          line
            .slice(1, -1)
            .split("|")
            .map((cell) => cell.trim()),
        ),
    )
}

describe("renderReport", () => {
  const report = renderReport(sample)

  it("renders CPU inside workerd with round-by-round ratios to the official adapter and the floor", () => {
    const withWorkerd = renderReport({
      ...sample,
      workerdCpu: {
        rounds: 3,
        callsPerBatch: 10,
        cases: [
          {
            target: "edge",
            op: "getSessionAndUser (warm)",
            samples: [600, 660, 800],
            medianMicros: 660,
          },
          {
            target: "official",
            op: "getSessionAndUser (warm)",
            samples: [2400, 2200, 2000],
            medianMicros: 2200,
          },
          { target: "floor", op: "GetItem", samples: [500, 600, 640], medianMicros: 600 },
        ],
      },
    })
    const section = withWorkerd.split("## CPU per operation inside workerd")[1]!.split("\n## ")[0]!
    expect(tables(section)[0]).toEqual([
      [
        "operation",
        "official (µs)",
        "ours (edge) (µs)",
        "ours (edge) ÷ official",
        "ours (edge) ÷ floor",
        "official ÷ floor",
      ],
      // Round ratios edge ÷ official: 0.25, 0.30, 0.40; edge ÷ floor: 1.20, 1.10, 1.25.
      [
        "getSessionAndUser (warm)",
        "2,200",
        "660",
        "0.30× [0.25–0.40]",
        "1.20× [1.10–1.25]",
        "3.67× [3.13–4.80]",
      ],
      ["floor: bare aws4fetch-signed GetItem", "—", "600", "—", "1.00×", "—"],
    ])
    expect(headlines({ ...sample, workerdCpu: undefined }).join("\n")).not.toContain("workerd")
    expect(withWorkerd).toContain(
      "CPU inside workerd, warm session check: 660 µs, 1.20× [1.10–1.25]",
    )
    expect(report).not.toContain("inside workerd")
  })

  it("gives every operation a row: official, ours (node, edge), and ours ÷ official", () => {
    const requests = tables(report)[0]!
    expect(requests).toEqual([
      [
        "operation",
        "official",
        "ours (node)",
        "ours (edge)",
        "ours (node) ÷ official",
        "ours (edge) ÷ official",
      ],
      [
        "getSessionAndUser (warm)",
        "2 (GetItem 1, Query 1)",
        "1 (BatchGetItem 1)",
        "1 (BatchGetItem 1)",
        "0.50×",
        "0.50×",
      ],
      ["getAccount", "— (none)", "1 (Query 1)", "1 (Query 1)", "—", "—"],
    ])
    const latency = tables(report)[1]!
    expect(latency[1]).toEqual([
      "getSessionAndUser (warm)",
      "25.0 / 30.0",
      "12.5 / 17.5",
      "15.0 / 20.0",
      "0.50×",
      "0.60×",
    ])
    const cpu = tables(report)[2]!
    // Paired round by round: node 0.75, 0.60, 1.50; edge 1.50, 0.80, 1.50.
    expect(cpu[1]).toEqual([
      "getSessionAndUser (warm)",
      "400",
      "300",
      "600",
      "0.75× [0.60–1.50]",
      "1.50× [0.80–1.50]",
      "2.0 / 1.0 / 7.3",
    ])
    expect(cpu[2]).toEqual(["getAccount", "— (none)", "200", "250", "—", "—", "— / 1.0 / 1.0"])
  })

  it("has rows as wide as their header in every table", () => {
    const all = tables(report)
    expect(all.length).toBeGreaterThanOrEqual(7)
    for (const rows of all) for (const row of rows) expect(row).toHaveLength(rows[0]!.length)
  })

  it("reports the flow, the bundles and the migration with ratios", () => {
    const [, , , flow, bundle, migration] = tables(report)
    expect(flow).toContainEqual(["one instance: requests", "60", "30", "30", "0.50×", "0.50×"])
    expect(flow).toContainEqual([
      "one instance: wall time (ms)",
      "800.0",
      "400.0",
      "440.0",
      "0.50×",
      "0.55×",
    ])
    expect(bundle).toContainEqual([
      "bundle, gzipped",
      "75.0 KiB",
      "80.0 KiB",
      "10.0 KiB",
      "1.07×",
      "0.13×",
    ])
    expect(migration).toEqual([
      ["items", "items/s", "peak RSS MB"],
      ["10000", "2500", "80"],
    ])
    expect(report).toContain("Ratios are the claim")
    expect(report).toContain("| CPU | Test CPU (2 cores) |")
  })

  it("states the headline ratios", () => {
    expect(headlines(sample)[0]).toMatch(
      /^session check \(getSessionAndUser, warm\): 1 request instead of 2 \(0\.50×\)/,
    )
    expect(headlines(sample)).toHaveLength(4)
  })
})

describe("parseConsoleTable (migrate's bench output)", () => {
  it("reads the last console.table, without the index column and the quotes", () => {
    const out = [
      "filling…",
      "┌─────────┬────────┬─────────┬─────────────┐",
      "│ (index) │ items  │ items/s │ peak RSS MB │",
      "├─────────┼────────┼─────────┼─────────────┤",
      "│ 0       │ 10000  │ 2500    │ '90'        │",
      "│ 1       │ 100000 │ 2400    │ '95'        │",
      "└─────────┴────────┴─────────┴─────────────┘",
    ].join("\n")
    expect(parseConsoleTable(out)).toEqual({
      headers: ["items", "items/s", "peak RSS MB"],
      rows: [
        ["10000", "2500", "90"],
        ["100000", "2400", "95"],
      ],
    })
  })

  it("gives up when there is no table", () => {
    expect(parseConsoleTable("10k items: 3000/s")).toBeUndefined()
  })
})

describe("firstJsonObject (size.mjs --json output)", () => {
  it("reads the figures even when a breakdown follows them", () => {
    const out = `${JSON.stringify({ edge: { gzipBytes: 1 } }, null, 2)}\n   6125 B  aws4fetch.mjs\n`
    expect(firstJsonObject(out)).toEqual({ edge: { gzipBytes: 1 } })
    expect(firstJsonObject("size budget exceeded")).toBeUndefined()
  })
})
