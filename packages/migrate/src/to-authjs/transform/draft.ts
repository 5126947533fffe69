/** Small editing helpers shared by the per-kind transforms. */
import type { AttributeMap, AttributeValue } from "@dynamoauth/core"
import { sameValue } from "../../attributes.js"
import type { Draft } from "./types.js"

export function createDraft(item: AttributeMap): Draft {
  return { original: item, item: { ...item }, changes: [], problems: [], reads: new Set() }
}

/** Reads an attribute and remembers that the result depends on it. */
export function read(draft: Draft, name: string): AttributeValue | undefined {
  draft.reads.add(name)
  return draft.item[name]
}

/** Sets an attribute, recording `change` only when the value actually differs. */
export function set(draft: Draft, name: string, value: AttributeValue, change: string): void {
  draft.reads.add(name)
  if (sameValue(draft.item[name], value)) return
  draft.item[name] = value
  record(draft, change)
}

/** Removes an attribute if present. */
export function remove(draft: Draft, name: string, change: string): void {
  draft.reads.add(name)
  if (!(name in draft.item)) return
  delete draft.item[name]
  record(draft, change)
}

/** Copies `from` to `to` when `to` is absent (`from` is kept: nothing is dropped unless asked). */
export function copyIfAbsent(draft: Draft, from: string, to: string, change: string): void {
  const source = read(draft, from)
  const target = read(draft, to)
  if (source === undefined || target !== undefined) return
  set(draft, to, source, change)
}

/** Attributes the current layout no longer writes, removed only with `dropLegacy`. */
export function dropLegacy(draft: Draft, kindName: string, names: readonly string[]): void {
  for (const name of names) remove(draft, name, `${kindName}.drop.${name}`)
}

export function problem(draft: Draft, code: string): void {
  if (!draft.problems.includes(code)) draft.problems.push(code)
}

function record(draft: Draft, change: string) {
  if (!draft.changes.includes(change)) draft.changes.push(change)
}
