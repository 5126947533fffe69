/** The Auth.js part: a history of user actions on eight instances of one adapter. */
import type { Campaign } from "../campaign.js"
import { directTransport, scanTable } from "../table.js"
import {
  ACTORS,
  type Action,
  AUTHJS_KINDS,
  type AuthjsKind,
  describeAction,
  historyArbitrary,
  PASSKEY_KINDS,
} from "./history.js"
import { checkAuthjsTable } from "./table-checks.js"
import type { AuthjsTarget } from "./targets.js"
import { AuthjsWorld } from "./world.js"

export function authjsCampaign(
  target: AuthjsTarget,
  maxActions: number,
): Campaign<Action<AuthjsKind>> {
  const kinds = AUTHJS_KINDS.filter((kind) => target.passkeys || !PASSKEY_KINDS.has(kind))
  return {
    name: target.name,
    enforced: target.enforced,
    history: historyArbitrary(kinds, maxActions),
    describe: describeAction,
    async play({ history, gate, proxies, endpoint, tableName, tally }) {
      const instances = proxies.map((proxy, i) =>
        target.instance(proxy.endpoint, gate, `i${i}`, tableName),
      )
      const world = new AuthjsWorld(
        instances.map((i) => i.adapter),
        gate,
        tally,
        ACTORS,
      )
      try {
        await gate.drive(world.run(history))
      } finally {
        for (const instance of instances) instance.close()
      }
      const direct = directTransport(endpoint)
      const items = await scanTable(direct, tableName)
      const probe = target.instance(endpoint, undefined, "probe", tableName)
      try {
        await checkAuthjsTable(world, items, tally, probe.adapter)
      } finally {
        probe.close()
      }
    },
  }
}
