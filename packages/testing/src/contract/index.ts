/**
 * The contract suite: every transport runs it against DynamoDB Local, in its
 * own runtime. Web APIs only (it also runs inside workerd).
 *
 * ```ts
 * runContractSuite({ name: "node", transport, makeAdapter: (o) => DynamoDBAdapter(client, o) })
 * ```
 */
import { beforeAll, describe } from "vitest"
import { accountsContract } from "./accounts.js"
import { authenticatorsContract } from "./authenticators.js"
import { claimsContract } from "./claims.js"
import type { FullAdapter, SuiteEnv } from "./env.js"
import { errorsContract } from "./errors.js"
import { indexAgreementContract } from "./index-agreement.js"
import { integrityContract } from "./integrity.js"
import { keyLimitsContract } from "./key-limits.js"
import { keyNamesContract } from "./key-names.js"
import { proxiedContract } from "./proxied.js"
import { requestEventsContract } from "./request-events.js"
import { sessionsContract } from "./sessions.js"
import { staleOwnersContract } from "./stale-owners.js"
import { tableFunctionsContract } from "./table-functions.js"
import { createLayouts, type Layout } from "./tables.js"
import type { ContractTarget } from "./target.js"
import { usersContract } from "./users.js"
import { verificationTokensContract } from "./verification-tokens.js"

export { findPartialState } from "./invariants.js"
export {
  createLayouts,
  createTable,
  type Layout,
  type RawTable,
  rawTable,
  scanAll,
  uniqueName,
} from "./tables.js"
export type { ContractTarget } from "./target.js"

const LAYOUTS = ["default names", "custom names"] as const

export function runContractSuite(target: ContractTarget): void {
  describe(`contract (${target.name})`, () => {
    let layouts: Layout[] = []
    beforeAll(async () => {
      layouts = await createLayouts(target.transport)
    })

    LAYOUTS.forEach((label, i) => {
      describe(label, () => {
        const env: SuiteEnv = {
          target,
          layout: () => layouts[i]!,
          adapter: () => target.makeAdapter(layouts[i]!.options) as FullAdapter,
        }
        usersContract(env)
        accountsContract(env)
        sessionsContract(env)
        verificationTokensContract(env)
        authenticatorsContract(env)
        integrityContract(env)
        staleOwnersContract(env)
        indexAgreementContract(env)
        keyLimitsContract(env)
        keyNamesContract(env)
        errorsContract(env)
        proxiedContract(env)
        requestEventsContract(env)
        tableFunctionsContract(env)
        claimsContract(env)
      })
    })
  })
}
