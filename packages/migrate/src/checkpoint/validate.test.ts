import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createKeys, resolveTableOptions } from "@dynamoauth/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { emptyCounters } from "../report/report.js"
import { runMigration } from "../to-authjs/index.js"
import { CHECKPOINT_VERSION, CheckpointWriter, loadCheckpoint } from "./file.js"

const keys = createKeys(resolveTableOptions())
const fingerprint = { command: "run", table: "t", segments: [0, 1] }
const expected = { fingerprint, segments: [0, 1], counters: emptyCounters(), keys }
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dynamoauth-checkpoint-"))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

/** A file as this version writes it, with `change` applied to its JSON text. */
async function file(change: (json: Record<string, any>) => unknown = (j) => j) {
  const counters = { ...emptyCounters(), scanned: 7, changes: { "session.expires": 2 } }
  const json = {
    version: CHECKPOINT_VERSION,
    fingerprint,
    segments: {
      0: { done: false, lastKey: { pk: { S: "USER#u" }, sk: { S: "SESSION#tok-secret" } } },
      1: { done: true },
    },
    counters,
  }
  const path = join(dir, `${Math.random().toString(36).slice(2)}.json`)
  const out = change(json)
  await writeFile(path, typeof out === "string" ? out : JSON.stringify(out))
  return path
}

const refused = async (path: string, reason: RegExp) => {
  const error = await loadCheckpoint(path, expected).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toMatchObject({ code: "INVALID_OPTION" })
  const message = (error as Error).message
  expect(message).toContain(path)
  expect(message).toMatch(reason)
  // Never a value from the file: keys hold session tokens.
  expect(message).not.toContain("tok-secret")
}

describe("checkpoint files are validated before use", () => {
  it("reads back what CheckpointWriter wrote", async () => {
    const path = join(dir, "written.json")
    const state = {
      fingerprint,
      segments: {
        0: { done: false, lastKey: { pk: { S: "USER#u" }, sk: { B: new Uint8Array([1, 2]) } } },
      },
      counters: { ...emptyCounters(), scanned: 3, problems: { "session.no-expires": 1 } },
    }
    await new CheckpointWriter(path).save(state)
    expect(await loadCheckpoint(path, expected)).toEqual(state)
  })

  it("refuses __proto__, constructor and prototype keys anywhere, and nothing reaches Object.prototype", async () => {
    // Each inserted at the start of an object the file already has (a duplicate key would be dropped).
    const poisons = [
      ['"counters":{', '"__proto__":{"polluted":1},'],
      ['"changes":{', '"__proto__":{"polluted":1},'],
      ['"counters":{', '"constructor":{"prototype":{"polluted":1}},'],
    ]
    for (const [at, poison] of poisons) {
      const path = await file((json) => JSON.stringify(json).replace(at!, `${at}${poison}`))
      await refused(path, /holds the key "(__proto__|prototype)"/)
      // Through the library as the CLI calls it: refused before any request is sent.
      await expect(
        runMigration({
          transport: { send: () => Promise.reject(new Error("no request expected")) },
          tableName: "t",
          checkpoint: path,
        }),
      ).rejects.toMatchObject({ code: "INVALID_OPTION" })
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect(Object.prototype).not.toHaveProperty("polluted")
    }
    // Inside a scan position too (JSON.parse keeps "__proto__" as an own key; the check sees it).
    await refused(
      await file((json) =>
        JSON.stringify({ ...json, segments: {} }).replace(
          '"segments":{}',
          '"segments":{"1":{"done":true,"lastKey":{"pk":{"S":"x"},"__proto__":{"S":"y"}}}}',
        ),
      ),
      /holds the key "__proto__"/,
    )
  })

  it.each([
    ["not JSON", () => "{not json", /not JSON/],
    ["an array", () => "[]", /not a JSON object/],
    ["an extra top-level field", (j: any) => ({ ...j, extra: 1 }), /unexpected field "extra"/],
    ["another version", (j: any) => ({ ...j, version: 99 }), /another version/],
    [
      "other settings",
      (j: any) => ({ ...j, fingerprint: { ...fingerprint, table: "u" } }),
      /other settings/,
    ],
    [
      "a counter as a string",
      (j: any) => ({ ...j, counters: { ...j.counters, scanned: "7" } }),
      /"scanned" is not a count/,
    ],
    [
      "a negative counter",
      (j: any) => ({ ...j, counters: { ...j.counters, failed: -1 } }),
      /"failed" is not a count/,
    ],
    [
      "an unknown counter",
      (j: any) => ({ ...j, counters: { ...j.counters, bogus: 1 } }),
      /unknown counter "bogus"/,
    ],
    [
      "a counter map entry that is not a count",
      (j: any) => ({ ...j, counters: { ...j.counters, changes: { x: { y: 1 } } } }),
      /"changes.x" is not a count/,
    ],
    [
      "counters that are not an object",
      (j: any) => ({ ...j, counters: 5 }),
      /counters is not an object/,
    ],
    [
      "a segment this run does not process",
      (j: any) => ({ ...j, segments: { 7: { done: true } } }),
      /segment "7" is not one this run processes/,
    ],
    [
      "a segment number that is not one",
      (j: any) => ({ ...j, segments: { "0x1": { done: true } } }),
      /segment "0x1"/,
    ],
    [
      "a segment without done",
      (j: any) => ({ ...j, segments: { 0: { lastKey: j.segments[0].lastKey } } }),
      /no boolean "done"/,
    ],
    [
      "a position under other key names",
      (j: any) => ({
        ...j,
        segments: { 0: { done: false, lastKey: { PK: { S: "a" }, SK: { S: "b" } } } },
      }),
      /not a key of pk and sk/,
    ],
    [
      "a position with a map value",
      (j: any) => ({
        ...j,
        segments: { 0: { done: false, lastKey: { pk: { S: "a" }, sk: { M: { S: { S: "b" } } } } } },
      }),
      /not a key of pk and sk/,
    ],
  ])("refuses %s, naming the file", async (_name, change, reason) => {
    await refused(await file(change as never), reason)
  })
})
