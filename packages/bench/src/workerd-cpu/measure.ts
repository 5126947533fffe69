/**
 * CPU per call inside workerd: the Worker in worker.ts runs batches of calls,
 * and this reads the whole workerd process's CPU time around each batch from
 * /proc (`/proc/<pid>/task/<tid>/schedstat`, ns on CPU, every thread). Cases
 * take turns batch by batch, so ratios between cases come from the same
 * moments of the run. Linux only.
 *
 * What a figure includes: everything workerd does for the calls (JavaScript,
 * garbage collection, WebCrypto signing, its HTTP client and sockets to
 * DynamoDB Local), plus miniflare's routing of the one `/run` request per
 * batch, spread over the batch's calls. It excludes DynamoDB Local (a Java
 * process) and Node.
 */
import { readdirSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { build } from "esbuild"
import { Miniflare } from "miniflare"
import type { WorkerdCpuCase } from "../results.js"
import { median } from "../stats.js"

export type WorkerdCase = Pick<WorkerdCpuCase, "target" | "op">

/** A current date the pinned workerd (miniflare 4.20260730) accepts. */
const COMPATIBILITY_DATE = "2026-07-01"

export const caseLabel = (c: WorkerdCase) => `${c.target} ${c.op}`

/** Bundles worker.ts as a user's Workers build would (workerd conditions, minified). */
async function bundleWorker(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("./worker.ts", import.meta.url))],
    bundle: true,
    write: false,
    minify: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    target: "es2022",
    logLevel: "silent",
  })
  return result.outputFiles[0]!.text
}

/** CPU time of every thread of `pid`, in ns. */
function processCpuNs(pid: number): number {
  let total = 0
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0])
    } catch {
      // A thread that ended between the listing and the read: its time is lost either way.
    }
  }
  return total
}

/** The workerd process miniflare started (a child of this process). */
function findWorkerd(): number {
  const pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name))
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8").trim()
      const [, comm, rest] = stat.match(/^\d+ \((.*)\) (.*)$/)!
      const ppid = Number(rest!.split(" ")[1])
      if (comm === "workerd" && ppid === process.pid) return Number(pid)
    } catch {
      // Gone meanwhile.
    }
  }
  throw new Error("workerd process not found among this process's children")
}

/**
 * Measures `cases` in workerd: warm-up rounds, then rounds of one batch of `callsPerBatch` calls
 * per case, the case order rotating each round, until `rounds` are counted (and, with `until`,
 * until it is satisfied or `maxRounds` are).
 */
export async function measureWorkerdCpu(options: {
  endpoint: string
  tableName: string
  cases: readonly WorkerdCase[]
  rounds: number
  callsPerBatch: number
  /**
   * Reads only: set up this many calls per case once, and run every batch over them again and
   * again. No set-up between rounds, so no set-up garbage is collected inside a measured batch,
   * and large batches cost no writes. Default: each batch set up afresh.
   */
  reuse?: number
  /** Uncounted rounds first: the JIT, the connections, DynamoDB Local. Default 1. */
  warmupRounds?: number
  /** Asked after each counted round from `rounds` on, with the samples so far: true stops. */
  until?: (samples: readonly number[][]) => boolean
  /** With `until`, the most rounds counted. */
  maxRounds?: number
  log?: (message: string) => void
}): Promise<WorkerdCpuCase[]> {
  const mf = new Miniflare({
    modules: true,
    script: await bundleWorker(),
    compatibilityDate: COMPATIBILITY_DATE,
    bindings: { ENDPOINT: options.endpoint, TABLE: options.tableName },
  })
  const post = async (path: string, body: unknown) => {
    const response = await mf.dispatchFetch(`http://bench.test${path}`, {
      method: "POST",
      body: JSON.stringify(body),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`workerd ${path}: ${response.status} ${text}`)
    return JSON.parse(text) as Record<string, any>
  }
  const { cases, reuse, until } = options
  const prepare = (c: WorkerdCase, n: number) => post("/prepare", { ...c, n })
  const more = (counted: number) =>
    counted < options.rounds ||
    (until !== undefined && counted < (options.maxRounds ?? options.rounds) && !until(samples))
  const samples = cases.map(() => [] as number[])
  try {
    await mf.ready
    const kept = reuse ? await Promise.all(cases.map((c) => prepare(c, reuse))) : undefined
    let pid: number | undefined
    for (let round = 1 - (options.warmupRounds ?? 1); round <= 0 || more(round - 1); round++) {
      const shift = (((round % cases.length) + cases.length) % cases.length) as number
      const order = cases.map((_, i) => (i + shift) % cases.length)
      for (const i of order) {
        const { id } = kept?.[i] ?? (await prepare(cases[i]!, options.callsPerBatch))
        pid ??= findWorkerd()
        const before = processCpuNs(pid)
        const { calls } = await post("/run", { id, times: kept && options.callsPerBatch })
        const used = processCpuNs(pid) - before
        if (round > 0) samples[i]!.push(used / calls / 1000)
      }
      options.log?.(`workerd CPU round ${round}/${options.rounds}`)
    }
    return cases.map((c, i) => ({
      ...c,
      samples: samples[i]!,
      medianMicros: median(samples[i]!),
    }))
  } finally {
    await mf.dispose()
  }
}
