/**
 * The Auth.js adapters under test, each built per instance on its own client pointed at its own
 * fault proxy, every request passing the gate: dynamoauth on the AWS SDK (node) and on signed
 * fetch (edge), and the official @auth/dynamodb-adapter, whose violations are reported, not
 * failed on.
 */
import { DynamoDBAdapter as OfficialAdapter } from "@auth/dynamodb-adapter"
import { DynamoDB } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { createNodeTransport } from "@dynamoauth/adapter-node"
import { createAdapter } from "@dynamoauth/core"
import type { Gate } from "../gate.js"
import { clientConfig, fetchTransport, sdkClient } from "../table.js"
import type { FullAdapter } from "./world.js"

export interface Instance {
  adapter: FullAdapter
  close(): void
}

export interface AuthjsTarget {
  name: string
  /** A violation fails the run (ours), or is only reported (the official adapter). */
  enforced: boolean
  /** Whether the adapter stores passkeys. */
  passkeys: boolean
  /** An instance whose requests go to `endpoint` through `gate`. */
  instance(endpoint: string, gate: Gate | undefined, label: string, tableName: string): Instance
}

export const AUTHJS_TARGETS: AuthjsTarget[] = [
  {
    name: "authjs-node",
    enforced: true,
    passkeys: true,
    instance(endpoint, gate, label, tableName) {
      const client = sdkClient(endpoint)
      const transport = createNodeTransport(client)
      return {
        adapter: createAdapter(gate ? gate.transport(transport, label) : transport, {
          tableName,
        }) as FullAdapter,
        close: () => client.destroy(),
      }
    },
  },
  {
    name: "authjs-edge",
    enforced: true,
    passkeys: true,
    instance(endpoint, gate, label, tableName) {
      const transport = fetchTransport(endpoint)
      return {
        adapter: createAdapter(gate ? gate.transport(transport, label) : transport, {
          tableName,
        }) as FullAdapter,
        close: () => {},
      }
    },
  },
  {
    name: "authjs-official",
    enforced: false,
    passkeys: false,
    instance(endpoint, gate, label, tableName) {
      const base = new DynamoDB(clientConfig(endpoint))
      if (gate) {
        base.middlewareStack.add(
          (next, context) => (args) =>
            gate.request(`${label} ${context.commandName}`, () => next(args)),
          { step: "initialize", name: "chaosGate" },
        )
      }
      const client = DynamoDBDocument.from(base, {
        marshallOptions: {
          convertEmptyValues: true,
          removeUndefinedValues: true,
          convertClassInstanceToMap: true,
        },
      })
      return {
        adapter: OfficialAdapter(client, { tableName }) as FullAdapter,
        close: () => base.destroy(),
      }
    },
  },
]
