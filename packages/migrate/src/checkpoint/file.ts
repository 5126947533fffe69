/**
 * The resume file: per segment, the last key whose page was fully written,
 * plus the counters so far. Written atomically (temp file + rename), so a
 * kill at any moment leaves either the old or the new checkpoint. It holds
 * table keys, and sessions' keys contain session tokens: it is created with
 * mode 0600 and deleted when the run completes.
 */
import { randomUUID } from "node:crypto"
import { readFile, rename, rm, writeFile } from "node:fs/promises"
import type { AttributeMap } from "@dynamoauth/core"
import { usageError } from "../errors.js"
import { encodeKey } from "../json-values.js"
import type { Counters } from "../report/report.js"
import { type CheckpointExpectations, parseCheckpoint } from "./validate.js"

export const CHECKPOINT_VERSION = 1

export interface SegmentProgress {
  done: boolean
  lastKey?: AttributeMap
}

export interface CheckpointState {
  /** What the run was started with; a resume with other settings is refused. */
  fingerprint: Record<string, unknown>
  segments: Record<number, SegmentProgress>
  counters: Counters
}

/**
 * Reads a checkpoint; undefined when there is none. Everything in it is
 * validated first (./validate.ts): a file that is not what this
 * run wrote is refused with an error naming it.
 */
export async function loadCheckpoint(
  path: string,
  expected: Omit<CheckpointExpectations, "version">,
): Promise<CheckpointState | undefined> {
  let text: string
  try {
    text = await readFile(path, "utf8")
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined
    throw usageError("checkpoint", `cannot read ${path} (${(error as NodeJS.ErrnoException).code})`)
  }
  const valid = parseCheckpoint(text, path, { ...expected, version: CHECKPOINT_VERSION })
  return { fingerprint: expected.fingerprint, ...valid }
}

/** Saves one checkpoint at a time, in call order, each atomically. */
export class CheckpointWriter {
  private queue: Promise<void> = Promise.resolve()

  constructor(private readonly path: string) {}

  save(state: CheckpointState): Promise<void> {
    const text = JSON.stringify({
      version: CHECKPOINT_VERSION,
      fingerprint: state.fingerprint,
      segments: Object.fromEntries(
        Object.entries(state.segments).map(([segment, p]) => [
          segment,
          { done: p.done, ...(p.lastKey ? { lastKey: encodeKey(p.lastKey) } : {}) },
        ]),
      ),
      counters: state.counters,
    })
    const next = this.queue.then(async () => {
      const temporary = `${this.path}.${randomUUID()}.tmp`
      await writeFile(temporary, text, { mode: 0o600 })
      await rename(temporary, this.path)
    })
    this.queue = next.catch(() => {})
    return next
  }

  async remove(): Promise<void> {
    await this.queue
    await rm(this.path, { force: true })
  }
}
