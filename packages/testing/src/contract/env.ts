import type { Adapter } from "@auth/core/adapters"
import type { Layout } from "./tables.js"
import type { ContractTarget } from "./target.js"

export type FullAdapter = Required<Adapter>

/** What each entity's contract gets: the target and, once set up, the table layout. */
export interface SuiteEnv {
  target: ContractTarget
  layout(): Layout
  /** A new adapter instance on this layout (a "second server" when called twice). */
  adapter(): FullAdapter
}
