/**
 * The shared contract suite (packages/testing/src/contract: every case, both key layouts, the
 * proxied cases) over the adapters as installed from the tarballs. Each runtime folder calls
 * this once; the cases live only in the shared suite. Web APIs only.
 */
import type { DynamoDBAdapterOptions } from "@dynamoauth/core"
import { runContractSuite } from "@dynamoauth/testing/contract"
import { remoteFaultProxy } from "@dynamoauth/testing/fault-proxy-remote"
import { LOCAL_ACCESS_KEY_ID, LOCAL_REGION } from "@dynamoauth/testing/raw-request"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { installed, proxyEndpoint } from "./context.js"

type AdapterNode = typeof import("@dynamoauth/adapter-node")
type AdapterEdge = typeof import("@dynamoauth/adapter-edge")
type ClientDynamoDB = typeof import("@aws-sdk/client-dynamodb")
type LibDynamoDB = typeof import("@aws-sdk/lib-dynamodb")

// DynamoDB Local keeps one database per key and region: the same as the raw-request helper's.
// It checks no signature, so the secret is a placeholder.
const credentials = { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: "local-placeholder" }

export type AdapterPackage = "adapter-node" | "adapter-edge"

export async function runInstalledContract(runtime: string, adapters: AdapterPackage[]) {
  const endpoint = dynamodbEndpoint()
  for (const adapter of adapters) {
    const proxy = proxyEndpoint(adapter)
    const name = `${runtime}: installed @dynamoauth/${adapter}`
    const proxied = { control: remoteFaultProxy(proxy) }
    if (adapter === "adapter-node") {
      const { createNodeTransport, DynamoDBAdapter } = await installed<AdapterNode>(
        "@dynamoauth/adapter-node",
      )
      const { DynamoDB, DynamoDBClient } = await installed<ClientDynamoDB>(
        "@aws-sdk/client-dynamodb",
      )
      const { DynamoDBDocument } = await installed<LibDynamoDB>("@aws-sdk/lib-dynamodb")
      const client = (at: string) =>
        new DynamoDBClient({ endpoint: at, region: LOCAL_REGION, credentials })
      // Exactly as the official adapter's README builds it.
      const document = DynamoDBDocument.from(
        new DynamoDB({ endpoint, region: LOCAL_REGION, credentials }),
        {
          marshallOptions: {
            convertEmptyValues: true,
            removeUndefinedValues: true,
            convertClassInstanceToMap: true,
          },
        },
      )
      runContractSuite({
        name,
        transport: createNodeTransport(client(endpoint)),
        makeAdapter: (options) => DynamoDBAdapter(document, options),
        proxied: { ...proxied, makeAdapter: (options) => DynamoDBAdapter(client(proxy), options) },
      })
    } else {
      const { createAdapter, createFetchTransport, DynamoDBAdapter } = await installed<AdapterEdge>(
        "@dynamoauth/adapter-edge",
      )
      // 30 s per attempt, not the default 3 s: a loaded machine can take longer to answer.
      const config = (at: string) => ({
        endpoint: at,
        region: LOCAL_REGION,
        credentials,
        timeoutMs: 30_000,
      })
      // As users build it: DynamoDBAdapter, or createAdapter over the fetch transport when they
      // want request events (DynamoDBAdapter leaves them out of the Worker and refuses onRequest).
      const adapter = (at: string, options?: DynamoDBAdapterOptions) =>
        options?.onRequest
          ? createAdapter(createFetchTransport(config(at)), options)
          : DynamoDBAdapter(config(at), options)
      runContractSuite({
        name,
        transport: createFetchTransport(config(endpoint)),
        makeAdapter: (options) => adapter(endpoint, options),
        proxied: { ...proxied, makeAdapter: (options) => adapter(proxy, options) },
      })
    }
  }
}
