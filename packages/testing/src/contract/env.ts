import type { Adapter } from "@auth/core/adapters"
import type { Layout } from "./tables.js"
import type { ContractTarget } from "./target.js"

type Method<F> = F extends (...args: infer A) => infer R
  ? (...args: A) => Promise<Awaited<R>>
  : never

/** Every adapter method present, each returning a Promise (ours always do). */
export type FullAdapter = { [K in keyof Adapter]-?: Method<NonNullable<Adapter[K]>> }

/** What each entity's contract gets: the target and, once set up, the table layout. */
export interface SuiteEnv {
  target: ContractTarget
  layout(): Layout
  /** A new adapter instance on this layout (a "second server" when called twice). */
  adapter(): FullAdapter
}
