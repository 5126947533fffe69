/**
 * Both servers on one table: the Node server and the Worker (workerd, through miniflare), each
 * with Better Auth's handler, the same secret, and each other's address. Used by `pnpm start`
 * and by the browser tests. The Worker must have been built (`buildWorker`).
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { freePort } from "@dynamoauth/testing/dynamodb-local"
import { Miniflare } from "miniflare"
import { startNodeServer } from "../src/server.ts"
import { WORKER_BUNDLE } from "./build-worker.ts"

export interface StackOptions {
  /** DynamoDB's endpoint (DynamoDB Local's), e.g. `http://127.0.0.1:8000`. */
  endpoint: string
  tableName: string
  secret: string
  /** 0 picks free ports. */
  port: number
  workerPort: number
}

// DynamoDB Local accepts any key pair.
const LOCAL = { region: "us-east-1", accessKeyId: "local", secretAccessKey: "local" }

export async function startStack(options: StackOptions) {
  const port = options.port || (await freePort())
  const workerPort = options.workerPort || (await freePort())
  // Browsed as localhost: WebAuthn does not take an IP address as a passkey's site, and a
  // cookie for localhost reaches both servers (cookies do not care about ports).
  const nodeUrl = `http://localhost:${port}`
  const workerUrl = `http://localhost:${workerPort}`

  const worker = new Miniflare({
    // Listed rather than discovered: miniflare would refuse the bundle's dynamic imports
    // (Better Auth's optional database drivers), which this Worker never reaches.
    modules: [{ type: "ESModule", path: WORKER_BUNDLE }],
    compatibilityDate: "2026-07-01",
    // Better Auth imports node:async_hooks (AsyncLocalStorage for its request context).
    compatibilityFlags: ["nodejs_compat"],
    bindings: {
      DYNAMOAUTH_TABLE: options.tableName,
      DYNAMODB_ENDPOINT: options.endpoint,
      AWS_REGION: LOCAL.region,
      AWS_ACCESS_KEY_ID: LOCAL.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL.secretAccessKey,
      AUTH_SECRET: options.secret,
      BASE_URL: workerUrl,
      NODE_URL: nodeUrl,
    },
    host: "127.0.0.1",
    port: workerPort,
  })
  await worker.ready

  const client = new DynamoDBClient({
    endpoint: options.endpoint,
    region: LOCAL.region,
    credentials: { accessKeyId: LOCAL.accessKeyId, secretAccessKey: LOCAL.secretAccessKey },
  })
  const node = await startNodeServer({
    client,
    tableName: options.tableName,
    secret: options.secret,
    port,
    workerUrl,
  }).catch(async (error) => {
    await worker.dispose()
    throw error
  })
  return {
    nodeUrl,
    workerUrl,
    auth: node.auth,
    async stop() {
      await node.close()
      await worker.dispose()
      client.destroy()
    },
  }
}
