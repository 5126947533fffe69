import type { AttributeMap, Keys } from "@dynamoauth/core"

/** What an item is, judged by its primary key. */
export type ItemKind =
  | "user"
  | "account"
  | "session"
  | "verification-request"
  | "verification-token"
  | "authenticator"
  | "claim"
  | "unknown"

export interface TransformContext {
  keys: Keys
  /** Remove attributes the current layout no longer writes (`--drop-legacy`). @default false */
  dropLegacy: boolean
}

export interface TransformResult {
  kind: ItemKind
  /** Names of the changes made, e.g. `account.provider` (see docs/legacy-layouts.md). */
  changes: string[]
  /** Things the migration cannot fix by itself, e.g. `session.no-expires`. */
  problems: string[]
  /** The item as it should be stored; the input object itself when nothing changed. */
  item: AttributeMap
  /** True when the primary key changes (put the new item and delete the old one). */
  rekeyed: boolean
  /** Attributes the result was computed from: a write is conditional on their old values. */
  reads: string[]
}

/** A transform for one kind: edits `draft` (a copy of the item) and records what it did. */
export type KindTransform = (draft: Draft, context: TransformContext) => void

/** A mutable copy of an item plus its bookkeeping. */
export interface Draft {
  readonly original: AttributeMap
  item: AttributeMap
  changes: string[]
  problems: string[]
  reads: Set<string>
}
