/** What one bench run measured: the input of the report renderer. */

export type TargetName = "official" | "node" | "edge"

/** Report column order. */
export const TARGET_NAMES: readonly TargetName[] = ["official", "node", "edge"]

export const TARGET_LABELS: Record<TargetName, string> = {
  official: "official",
  node: "ours (node)",
  edge: "ours (edge)",
}

/** Requests by DynamoDB operation (from the proxy's X-Amz-Target counts). */
export type RequestCounts = Record<string, number>

export interface OperationFigures {
  /** Requests of a typical call (the most frequent breakdown). */
  requests: RequestCounts
  /** False when some calls made other requests than the typical one. */
  steady: boolean
  /** Wall time per call with the proxy's fixed delay on every request. */
  medianMs: number
  p95Ms: number
  /** Client process CPU time (user + system) per call, straight to DynamoDB Local: median of the rounds. */
  cpuMicros: number
  /** The same, one figure per CPU round; every adapter ran one batch in each round, so ratios pair up. */
  cpuSamples: number[]
  /** Voluntary context switches of the client process per call (every thread): how often it waited. */
  waitsPerCall: number
}

export interface OperationResult {
  name: string
  /** Absent for an adapter without the operation (the official one has no passkeys or getAccount). */
  figures: Partial<Record<TargetName, OperationFigures>>
}

export interface FlowFigures {
  requests: RequestCounts
  medianMs: number
}

export interface FlowResult {
  name: string
  figures: Record<TargetName, FlowFigures>
}

export interface SizeFigures {
  minifiedBytes: number
  gzipBytes: number
}

export interface ImportFigures {
  medianMs: number
  samples: number[]
  /** The modules one process imports, in order. */
  modules: string[]
}

/** Migrate's own bench table, carried over as printed, or why there is none. */
export type MigrationResult =
  | { kind: "table"; headers: string[]; rows: string[][]; note: string }
  | { kind: "text"; text: string; note: string }
  | { kind: "missing"; note: string }

export interface Machine {
  cpu: string
  cores: number
  memoryGiB: number
  os: string
  node: string
  java: string
}

export interface BenchSettings {
  delayMs: number
  latencyCalls: number
  cpuCalls: number
  flowRuns: number
  importRuns: number
}

/** One case measured inside workerd: µs of workerd CPU per call, one sample per round. */
export interface WorkerdCpuCase {
  /** `edge`, `official`, or `floor` (a bare aws4fetch-signed GetItem). */
  target: "edge" | "official" | "floor"
  op: string
  samples: number[]
  medianMicros: number
}

export interface WorkerdCpuFigures {
  rounds: number
  callsPerBatch: number
  /** Every case, samples aligned by round (batches took turns within each round). */
  cases: WorkerdCpuCase[]
}

export interface BenchResults {
  startedAt: string
  durationSeconds: number
  machine: Machine
  /** Package (or tool) name → version, e.g. "@auth/dynamodb-adapter" → "2.11.3". */
  versions: Record<string, string>
  settings: BenchSettings
  operations: OperationResult[]
  flows: FlowResult[]
  bundle: Partial<Record<TargetName, SizeFigures>>
  imports: Partial<Record<TargetName, ImportFigures>>
  migration: MigrationResult
  /** CPU per call inside workerd; absent when not measured. */
  workerdCpu?: WorkerdCpuFigures
  /** Figures this run could not take, and why (each step after the adapters may fail alone). */
  problems: string[]
}
