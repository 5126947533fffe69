/**
 * Everything the example needs, started in order and stopped in reverse: DynamoDB (Local, or
 * real AWS when configured), the table, the Worker (miniflare) and the Next.js server.
 * Used by `pnpm start` and by the browser tests.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { freePort, startDynamoDBLocal } from "@dynamoauth/testing/dynamodb-local"
import { readDynamoConfig } from "../../src/lib/dynamo-config"
import { startNext } from "./next-server"
import { ensureTable } from "./table"
import { startWorker } from "./worker-server"

export interface StackOptions {
  /** DynamoDB Local's database folder; in memory when undefined. Ignored with `aws`. */
  dbPath?: string
  /** Use the real DynamoDB named by the AWS environment variables instead of DynamoDB Local. */
  aws: boolean
  appPort: number
  authSecret: string
  tableName: string
  log: (line: string) => void
  onServerOutput?: (chunk: string) => void
}

export interface Stack {
  appUrl: string
  workerUrl: string
  /** DynamoDB Local's endpoint, when it runs. */
  endpoint?: string
  tableStatus: "created" | "exists"
  stop(): Promise<void>
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const stops: Array<() => Promise<void>> = []
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {})
  }
  try {
    const dynamoEnv: Record<string, string> = { DYNAMOAUTH_TABLE: options.tableName }
    if (!options.aws) {
      options.log(
        options.dbPath
          ? `Starting DynamoDB Local (data in ${options.dbPath}) …`
          : "Starting DynamoDB Local (in memory) …",
      )
      const local = await startDynamoDBLocal(options.dbPath ? { dbPath: options.dbPath } : {})
      stops.push(local.stop)
      Object.assign(dynamoEnv, {
        DYNAMODB_ENDPOINT: local.endpoint,
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: "local",
        AWS_SECRET_ACCESS_KEY: "local",
      })
    }
    const config = readDynamoConfig({ ...process.env, ...dynamoEnv })
    const client = new DynamoDBClient({
      region: config.region,
      credentials: config.credentials,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    })
    const tableStatus = await ensureTable(client, config.tableName).finally(() => client.destroy())
    options.log(`Table ${config.tableName}: ${tableStatus}`)

    const worker = await startWorker({
      port: await freePort(),
      bindings: workerBindings({ ...process.env, ...dynamoEnv }),
    })
    stops.push(worker.stop)

    const app = await startNext({
      port: options.appPort,
      env: { ...dynamoEnv, AUTH_SECRET: options.authSecret, WORKER_URL: worker.url },
      ...(options.onServerOutput ? { onOutput: options.onServerOutput } : {}),
    })
    stops.push(app.stop)
    return {
      appUrl: app.url,
      workerUrl: worker.url,
      ...(dynamoEnv.DYNAMODB_ENDPOINT ? { endpoint: dynamoEnv.DYNAMODB_ENDPOINT } : {}),
      tableStatus,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

// The Worker only gets the settings it needs, as Worker bindings (its "environment").
function workerBindings(env: Record<string, string | undefined>): Record<string, string> {
  const names = [
    "DYNAMOAUTH_TABLE",
    "AWS_REGION",
    "DYNAMODB_ENDPOINT",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
  ]
  return Object.fromEntries(names.flatMap((n) => (env[n] ? [[n, env[n] as string]] : [])))
}
