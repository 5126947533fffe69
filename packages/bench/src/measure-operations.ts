/**
 * Per-operation figures: requests and latency through the proxy (call by
 * call, adapters taking turns), then client CPU straight to DynamoDB Local.
 */
import type { FaultProxy } from "@dynamoauth/testing/fault-proxy"
import { collectGarbage } from "./collect-gc.js"
import type { Operation } from "./operations.js"
import type { OperationFigures, OperationResult, RequestCounts, TargetName } from "./results.js"
import { median, mode, p95 } from "./stats.js"
import type { Target } from "./targets.js"

export interface OperationBench {
  proxy: FaultProxy
  /** Adapters pointed at the proxy. */
  proxied: Target[]
  /** The same adapters pointed at DynamoDB Local itself. */
  direct: Target[]
  delayMs: number
  latencyCalls: number
  /** Calls per CPU round; there are CPU_ROUNDS rounds. */
  cpuCallsPerRound: number
}

/** Calls per adapter before any figure is kept: JIT, connection pools, DynamoDB Local's JVM. */
const WARM_UP_CALLS = 5
/** Calls before each CPU batch: the adapter is warm already, this only follows its setup writes. */
const CPU_WARM_UP_CALLS = 2
/**
 * CPU rounds per operation; in each, every adapter runs one short batch, taking turns. Many short
 * rounds rather than a few long ones: on a shared machine CPU time drifts by a quarter within
 * seconds, and only batches run close together compare (the ratios are taken round by round).
 */
export const CPU_ROUNDS = 12
/** Setup writes in flight at once. */
const PREPARE_CONCURRENCY = 8

type Call = () => unknown

export async function measureOperation(op: Operation, b: OperationBench): Promise<OperationResult> {
  const proxied = b.proxied.filter((t) => op.official || t.name !== "official")
  const direct = b.direct.filter((t) => op.official || t.name !== "official")
  const latency = new Map<TargetName, { ms: number[]; requests: RequestCounts[] }>(
    proxied.map((t) => [t.name, { ms: [], requests: [] }]),
  )
  // Every call's data is written first (delay 0), so the timed loop only alternates calls.
  b.proxy.setDelay(0)
  const prepared = new Map<TargetName, Call[]>()
  for (const target of proxied) {
    prepared.set(target.name, await prepareMany(op, target, WARM_UP_CALLS + b.latencyCalls))
  }
  for (let i = 0; i < WARM_UP_CALLS + b.latencyCalls; i++) {
    for (const target of rotate(proxied, i)) {
      const call = prepared.get(target.name)![i]!
      b.proxy.resetCounts()
      b.proxy.setDelay(b.delayMs)
      const started = performance.now()
      check(op, target, await call())
      const elapsed = performance.now() - started
      b.proxy.setDelay(0)
      if (i < WARM_UP_CALLS) continue
      const sample = latency.get(target.name)!
      sample.ms.push(elapsed)
      sample.requests.push(b.proxy.counts())
    }
  }

  const cpu = new Map<TargetName, CpuBatch[]>(direct.map((t) => [t.name, []]))
  for (let round = 0; round < CPU_ROUNDS; round++) {
    for (const target of rotate(direct, round)) {
      cpu.get(target.name)!.push(await cpuPerCall(op, target, b.cpuCallsPerRound))
    }
  }

  const figures: Partial<Record<TargetName, OperationFigures>> = {}
  for (const [name, sample] of latency) {
    const key = (counts: RequestCounts) => JSON.stringify(Object.entries(counts).sort())
    const requests = mode(sample.requests, key)
    const batches = cpu.get(name)!
    figures[name] = {
      requests,
      steady: sample.requests.every((counts) => key(counts) === key(requests)),
      medianMs: median(sample.ms),
      p95Ms: p95(sample.ms),
      cpuMicros: median(batches.map((batch) => batch.micros)),
      cpuSamples: batches.map((batch) => batch.micros),
      waitsPerCall: median(batches.map((batch) => batch.waits)),
    }
  }
  return { name: op.name, figures }
}

interface CpuBatch {
  /** Client CPU µs per call. */
  micros: number
  /** Voluntary context switches per call. */
  waits: number
}

/** One batch: the calls' data is written first, then only the calls run. */
async function cpuPerCall(op: Operation, target: Target, calls: number): Promise<CpuBatch> {
  const prepared = await prepareMany(op, target, CPU_WARM_UP_CALLS + calls)
  for (const call of prepared.slice(0, CPU_WARM_UP_CALLS)) check(op, target, await call())
  const measured = prepared.slice(CPU_WARM_UP_CALLS)
  collectGarbage()
  // Waiting is counted too: a thread that sleeps and wakes costs CPU on both sides (the
  // kernel's and the runtime's), and unlike CPU time the count does not inflate under load.
  const waitsBefore = process.resourceUsage().voluntaryContextSwitches
  const before = process.cpuUsage()
  for (const call of measured) check(op, target, await call())
  const used = process.cpuUsage(before)
  const waits = process.resourceUsage().voluntaryContextSwitches - waitsBefore
  return { micros: (used.user + used.system) / calls, waits: waits / calls }
}

/** Writes the data of `n` calls, a few at a time: setup is not measured, so it may overlap. */
async function prepareMany(op: Operation, target: Target, n: number): Promise<Call[]> {
  const calls: Call[] = new Array(n)
  let next = 0
  const worker = async () => {
    while (next < n) {
      const i = next++
      calls[i] = await op.prepare(target)
    }
  }
  await Promise.all(Array.from({ length: PREPARE_CONCURRENCY }, worker))
  return calls
}

/** A null answer means the bench set the call up wrong, and its figures would be a lie. */
function check(op: Operation, target: Target, result: unknown): void {
  if (result === null) throw new Error(`${target.name} ${op.name} returned null`)
}

/** Starts at a different adapter each time, so none always runs first (or right after setup). */
function rotate<T>(items: readonly T[], by: number): T[] {
  const n = ((by % items.length) + items.length) % items.length
  return [...items.slice(n), ...items.slice(0, n)]
}
