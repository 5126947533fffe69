import { expect } from "vitest"
import type { Layout } from "./tables.js"

export * from "../fixtures.js"

/** Returned objects carry no storage attributes: no key attributes and no type marker. */
export function expectNoStorageAttributes(object: object | null | undefined, layout: Layout) {
  expect(object).toBeTruthy()
  const { partitionKey, sortKey, indexPartitionKey, indexSortKey } = layout.options
  for (const name of [
    partitionKey,
    sortKey,
    indexPartitionKey,
    indexSortKey,
    "pk",
    "sk",
    "GSI1PK",
    "GSI1SK",
  ]) {
    expect(Object.keys(object as object)).not.toContain(name)
  }
  const type = (object as { type?: unknown }).type
  expect(["USER", "SESSION", "VT", "AUTHENTICATOR"]).not.toContain(type)
}

/** Runs `fn` and returns the error it throws (or fails). */
export async function errorOf(fn: () => unknown): Promise<Error & Record<string, any>> {
  try {
    await fn()
  } catch (error) {
    return error as Error & Record<string, any>
  }
  throw new Error("expected the call to throw")
}
