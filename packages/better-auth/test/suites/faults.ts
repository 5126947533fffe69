/**
 * Helpers for the fault tests: a transport that makes its n-th write fail (the fault proxy resets
 * the connection of that write and of every retry of it), and the table's items read back.
 */
import type { Transport } from "@dynamoauth/core"
import { unmarshallItem } from "@dynamoauth/core/internal"
import { scanAll } from "@dynamoauth/testing/contract"
import type { AsyncFaultProxyControls } from "@dynamoauth/testing/fault-proxy-remote"

const WRITES = new Set([
  "PutItem",
  "UpdateItem",
  "DeleteItem",
  "BatchWriteItem",
  "TransactWriteItems",
])

/** Every item of the table, as plain values. */
export async function itemsOf(transport: Transport, tableName: string) {
  return (await scanAll(transport, tableName)).map((i) => unmarshallItem(i as any))
}

/**
 * `transport`, counting writes once armed; its `n`-th write and that write's retries fail (a
 * reset connection: the request never reaches DynamoDB). `writes()` is how many it sent.
 */
export function faultAtWrite(transport: Transport, control: AsyncFaultProxyControls, n: number) {
  let armed = false
  let writes = 0
  return {
    transport: {
      send: async (operation, input, options) => {
        if (armed && WRITES.has(operation) && ++writes === n) {
          await control.setFaults({ resetRate: 1, operations: [operation], maxFaults: 100 })
        }
        return transport.send(operation, input, options)
      },
    } satisfies Transport,
    arm() {
      armed = true
      writes = 0
    },
    async disarm() {
      armed = false
      await control.clearFaults()
    },
    writes: () => writes,
  }
}
