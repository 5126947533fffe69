/** RELIABILITY.md: what the chaos runs did and found, per adapter and transport. */
import { existsSync, readFileSync } from "node:fs"
import { cpus } from "node:os"
import { FAULTS } from "./campaign.js"
import { TARGETS, type Target } from "./run.js"
import { merge, newTally, sum, type Tally } from "./tally.js"

/** One target and seed run, as the CLI saves it (.chaos/results.jsonl). */
export interface SavedRun {
  target: string
  seed: number
  /** Calls asked for (the run stops at the first history past it). */
  ops: number
  maxActions: number
  at: string
  tally: Tally
  replay?: string
}

interface TargetSummary {
  target: Target
  tally: Tally
  seeds: number[]
  replays: string[]
}

const cell = (n: number) => n.toLocaleString("en-US")

function byKind(results: TargetSummary[], pick: (r: TargetSummary) => Record<string, number>) {
  const kinds = [...new Set(results.flatMap((r) => Object.keys(pick(r))))].sort()
  const lines = [
    `| kind | ${results.map((r) => r.target.name).join(" | ")} |`,
    `| --- | ${results.map(() => "---:").join(" | ")} |`,
  ]
  for (const kind of kinds) {
    lines.push(`| ${kind} | ${results.map((r) => cell(pick(r)[kind] ?? 0)).join(" | ")} |`)
  }
  return lines
}

export function renderReport(runs: SavedRun[]): string {
  const results: TargetSummary[] = TARGETS.flatMap((target) => {
    const mine = runs.filter((r) => r.target === target.name)
    if (!mine.length) return []
    const tally = newTally()
    for (const run of mine) merge(tally, { ...newTally(), ...run.tally })
    const seeds = [...new Set(mine.map((r) => r.seed))].sort((a, b) => a - b)
    const replays = mine.flatMap((r) => (r.replay ? [r.replay] : []))
    return [{ target, tally, seeds, replays }]
  })
  const dates = runs.map((r) => r.at).sort()
  const wallMs = sum(Object.fromEntries(results.map((r) => [r.target.name, r.tally.wallMs])))
  const violationsByInvariant = (r: TargetSummary) => {
    const counts: Record<string, number> = {}
    for (const v of [...r.tally.violations, ...r.tally.reported])
      counts[v.invariant] = (counts[v.invariant] ?? 0) + 1
    return counts
  }
  const lines = [
    "# Reliability",
    "",
    "What `pnpm chaos` found: seeded randomized histories of what users do, on eight adapter",
    "instances sharing one DynamoDB Local table, each instance on its own client behind its own",
    "fault proxy, judged by a checker while they run and from the table at the end of each",
    "history. Written by `pnpm chaos --report` from the runs `pnpm chaos --seed <n> --ops <n>` saved",
    "(in .chaos/, not committed); the figures are those runs', nothing else.",
    "",
    `Runs between ${dates[0]?.slice(0, 16).replace("T", " ")} and ${dates.at(-1)?.slice(0, 16).replace("T", " ")} UTC on ${cpus().length} cores shared with other work (so throughput is low and says nothing about the adapters), Node ${process.versions.node}; ${Math.round(wallMs / 60_000)} min of histories in all.`,
    "",
    "## Summary",
    "",
    "| adapter and transport | seeds | operations | histories | faults injected | checks | violations | reported, not failed on | wall time |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...results.map(
      (r) =>
        `| ${r.target.label} | ${r.seeds.join(", ")} | ${cell(sum(r.tally.ops))} | ${cell(r.tally.runs)} | ${cell(sum(r.tally.faults))} | ${cell(r.tally.checks)} | ${cell(r.tally.violations.length)} | ${cell(r.tally.reported.length)} | ${Math.round(r.tally.wallMs / 1000)} s |`,
    ),
    "",
    "An operation is one adapter call (Auth.js) or one request to Better Auth's handler. A",
    "violation of dynamoauth's adapters fails the run (fast-check then shrinks it to the shortest",
    "history it finds and prints the command that replays it); the official adapter's are counted",
    "and the run goes on.",
    "",
    "## How",
    "",
    "- Histories: fast-check 4 arbitraries draw, per history, the actions of four people (each",
    "  acting in order, people at once) on eight instances, colliding on three emails, six provider",
    "  accounts and two passkeys; the conditions (fault seed, index lag of 0, 30 or 150 ms); and",
    "  fast-check's scheduler, which picks the order in which the instances' requests reach the",
    "  table: one request on the wire at a time, so a seed replays the same interleaving (retry",
    "  timers and index lag still run on the wall clock).",
    `- Faults, per request at each instance's proxy: throttling ${FAULTS.throttleRate * 100}%, HTTP 500 ${FAULTS.serverErrorRate * 100}%, connection reset before the request reaches DynamoDB ${FAULTS.resetRate * 100}%, reset after it was applied (answer lost) ${FAULTS.resetAfterForwardRate * 100}%, half of a batch left unprocessed ${FAULTS.unprocessedRate * 100}% of batch requests.`,
    "- Checked while it runs: no call returns a user, session, account or token whose delete had",
    "  answered before the call started (nothing is judged on a token before its create",
    "  answered); a verification token is returned at most once; lookups return what was looked up",
    "  and sessions their own user.",
    "- Checked from the table after each history: at most one live user per email, provider",
    "  account and passkey; every item accounted for by the ledger of calls (no orphans, nothing",
    "  left by a deleteUser, deleteSession or unlinkAccount that answered, no used token); and",
    "  nothing blocks a future write: every email, provider account and passkey no live user holds",
    "  is taken by a new user through a fault-free instance.",
    "",
    "## Operations by kind",
    "",
    ...byKind(results, (r) => r.tally.ops),
    "",
    "## Faults injected, by kind",
    "",
    ...byKind(results, (r) => r.tally.faults),
    "",
    "## Calls that answered with an error, by code",
    "",
    "Expected refusals (a taken email, a deleted user) and transient failures that outlasted the",
    "transport's retries; none is a violation by itself.",
    "",
    ...byKind(results, (r) => r.tally.errors),
    "",
    "## Violations, by invariant",
    "",
    "Violations and reported ones together (the summary tells them apart).",
    "",
    ...(results.some((r) => r.tally.violations.length + r.tally.reported.length)
      ? byKind(results, violationsByInvariant)
      : ["None."]),
    ...results.flatMap((r) => {
      const seen: Record<string, number> = {}
      for (const v of [...r.tally.violations, ...r.tally.reported]) {
        const key = `${v.invariant}: ${v.detail}`
        seen[key] = (seen[key] ?? 0) + 1
      }
      const entries = Object.entries(seen).sort((a, b) => b[1] - a[1])
      return entries.length
        ? ["", `What ${r.target.name} did:`, "", ...entries.map(([what, n]) => `- ${n} × ${what}`)]
        : []
    }),
    ...CREATE_SESSION,
    // What the people who ran it concluded (kept in findings.md beside the package, by hand).
    ...(existsSync(FINDINGS) ? ["", readFileSync(FINDINGS, "utf8").trimEnd()] : []),
    ...results.flatMap((r) =>
      r.replays.flatMap((replay) => [
        "",
        `${r.target.name} failed; its shortest history replays with \`${replay}\`.`,
      ]),
    ),
    "",
  ]
  return lines.join("\n")
}

const FINDINGS = new URL("../findings.md", import.meta.url)

/** Measured once by src/create-session-cost.ts; the fix it prices is in core's sessions.ts. */
const CREATE_SESSION = [
  "",
  "## createSession checks its user",
  "",
  "The run found (before the fix) that a sign-in racing another server's deleteUser could leave",
  "part of a session behind: createSession wrote the session and its pointer with one",
  "BatchWriteItem that did not check the user, so a session written after the delete's last pass",
  "outlived its user, and when the batch held the pointer back (unprocessed, re-sent after a",
  "backoff) the pointer could land after the delete had removed the session (`pnpm chaos --target",
  'authjs-node --seed 12 --ops 1000` on the code before the fix: "a session pointer left by neither',
  'a deleteSession nor a failed createSession"). createSession now writes the session, the pointer',
  "and a ConditionCheck of the user in one TransactWriteItems, and answers NOT_FOUND when the user",
  "is gone (a contract test on every transport). Cost, measured by",
  "`node --import tsx packages/chaos/src/create-session-cost.ts 200` on DynamoDB Local (loaded",
  "two-core machine, 200 alternating rounds): still one request; DynamoDB Local reports 12",
  "capacity units instead of 3 (index write included; DynamoDB's pricing: 2 WCU per",
  "transactional item, the check counted as one, so 6 WCU instead of 2 on the table); median",
  "latency 6.7 ms instead of 4.9 ms (1.37×). A clean-up by a later call would have kept the hot",
  "path cheaper but left the session until some call came by; the transaction leaves nothing.",
]
