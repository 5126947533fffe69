/** The bounded parts of a report: a few before/after samples and the first failures. */
import type { AttributeMap, Keys } from "@dynamoauth/core"
import { sameValue } from "../attributes.js"
import { redactedKey, redactedValue } from "../redact.js"
import type { ItemKind, TransformResult } from "../to-authjs/transform/index.js"
import {
  bump,
  type Counters,
  type Failure,
  MAX_LISTED_FAILURES,
  MAX_SAMPLES,
  SAMPLES_PER_CHANGE,
  type Sample,
} from "./report.js"

export class ReportDetails {
  readonly samples: Sample[] = []
  readonly failures: Failure[] = []
  failuresNotListed = 0
  private readonly sampled: Record<string, number> = {}

  constructor(private readonly keys: Keys) {}

  /** Keeps a sample of a migrated item (the attributes that change) while its changes are short of samples. */
  sample(original: AttributeMap, result: TransformResult): void {
    this.offer(result.changes, () => sampleOf(original, result, this.keys))
  }

  /** Keeps the sample `make` builds while some of `changes` has fewer than its share. */
  offer(changes: string[], make: () => Sample): void {
    if (this.samples.length >= MAX_SAMPLES) return
    if (!changes.some((c) => (this.sampled[c] ?? 0) < SAMPLES_PER_CHANGE)) return
    for (const change of changes) bump(this.sampled, change)
    this.samples.push(make())
  }

  /** Counts a failed item and lists it while the list is short. */
  fail(
    local: Counters,
    item: AttributeMap,
    result: { kind: ItemKind },
    reason: string,
    awsErrorName?: string,
  ): void {
    local.failed++
    if (this.failures.length >= MAX_LISTED_FAILURES) {
      this.failuresNotListed++
      return
    }
    this.failures.push({
      kind: result.kind,
      key: redactedKey(item, this.keys),
      reason,
      ...(awsErrorName ? { awsErrorName } : {}),
    })
  }
}

function sampleOf(original: AttributeMap, result: TransformResult, keys: Keys): Sample {
  const before: Record<string, unknown> = {}
  const after: Record<string, unknown> = {}
  const names = new Set([...Object.keys(original), ...Object.keys(result.item)])
  for (const name of names) {
    if (sameValue(original[name], result.item[name])) continue
    before[name] = redactedValue(name, original, keys)
    after[name] = redactedValue(name, result.item, keys)
  }
  return {
    kind: result.kind,
    key: redactedKey(original, keys),
    changes: result.changes,
    before,
    after,
  }
}
