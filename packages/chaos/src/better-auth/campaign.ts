/**
 * The Better Auth part: a history of what members do, through Better Auth's real handler on
 * eight servers, each on @dynamoauth/better-auth over its own transport behind its own proxy.
 */
import { createNodeTransport } from "@dynamoauth/adapter-node"
import { dynamoAuthBetterAuth } from "@dynamoauth/better-auth"
import type { Transport } from "@dynamoauth/core"
import { BETTER_AUTH_BASE } from "@dynamoauth/testing/better-auth-handler"
import { betterAuth } from "better-auth"
import { APIError } from "better-auth/api"
import { ACTORS, type Action, historyArbitrary } from "../authjs/history.js"
import type { Campaign } from "../campaign.js"
import type { Gate } from "../gate.js"
import { directTransport, fetchTransport, scanTable, sdkClient } from "../table.js"
import { assertOneBetterAuth } from "./one-better-auth.js"
import { ALL_OR_NOTHING, checkBetterAuthTable } from "./table-checks.js"
import { BETTER_AUTH_KINDS, type BetterAuthKind, BetterAuthWorld } from "./world.js"

export interface BetterAuthTarget {
  name: string
  transport(endpoint: string): { transport: Transport; close(): void }
}

export const BETTER_AUTH_TARGETS: BetterAuthTarget[] = [
  {
    name: "better-auth-node",
    transport(endpoint) {
      const client = sdkClient(endpoint)
      return { transport: createNodeTransport(client), close: () => client.destroy() }
    },
  },
  {
    name: "better-auth-edge",
    transport: (endpoint) => ({ transport: fetchTransport(endpoint), close: () => {} }),
  },
]

/** Hashing is not what is under test, and scrypt would take most of the machine. */
const digest = async (password: string) =>
  Buffer.from(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(password))).toString(
    "hex",
  )

function server(transport: Transport, tableName: string) {
  return betterAuth({
    baseURL: BETTER_AUTH_BASE,
    secret: "a-chaos-secret-that-is-long-enough-0123456789",
    database: dynamoAuthBetterAuth({ transport, tableName, scan: "allow", warn: () => {} }),
    emailAndPassword: {
      enabled: true,
      password: {
        hash: digest,
        verify: async ({ hash, password }) => hash === (await digest(password)),
      },
    },
    // No mailer: an unverified email (every sign-up's here) moves at once, so histories move emails.
    user: {
      deleteUser: { enabled: true },
      changeEmail: { enabled: true, updateEmailWithoutVerification: true },
    },
    verification: { disableCleanup: true },
    rateLimit: { enabled: true, storage: "database", window: 60, max: 100_000 },
    logger: { disabled: true },
    // A failure (a fault outlasting the retries) answers 500, as it would, without a log line each.
    onAPIError: {
      onError: (error) => {
        throw error instanceof APIError ? error : new APIError("INTERNAL_SERVER_ERROR")
      },
    },
  })
}

export function betterAuthCampaign(
  target: BetterAuthTarget,
  maxActions: number,
  reported: ReadonlySet<string>,
): Campaign<Action<BetterAuthKind>> {
  assertOneBetterAuth()
  return {
    name: target.name,
    enforced: true,
    reported,
    history: historyArbitrary(BETTER_AUTH_KINDS, maxActions),
    describe: (a) =>
      `a${a.actor} ${a.kind}@${a.on} #${a.slot}${a.kind === "changeEmail" ? `->${a.other}` : ""}`,
    async play({ history, gate, proxies, endpoint, tableName, tally }) {
      const transports = proxies.map((proxy) => target.transport(proxy.endpoint))
      const servers = transports.map((t, i) =>
        server((gate as Gate).transport(t.transport, `s${i}`), tableName),
      )
      const world = new BetterAuthWorld(servers, gate, tally, ACTORS)
      try {
        await gate.drive(world.run(history))
      } finally {
        for (const t of transports) t.close()
      }
      const direct = directTransport(endpoint)
      const items = await scanTable(direct, tableName)
      const probe = target.transport(endpoint)
      try {
        await checkBetterAuthTable(world, items, tally, server(probe.transport, tableName))
      } finally {
        probe.close()
      }
    },
  }
}

export { ALL_OR_NOTHING }
