/**
 * The Node transport: core's requests sent through an AWS SDK v3 client
 * (a `DynamoDBClient` or a `DynamoDBDocument`, which wraps one). The SDK
 * signs, retries throttling and transient errors, and times out.
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb"
import type { DynamoDBOperation, Transport } from "@dynamoauth/core"
import { classifyError, toTransportError } from "@dynamoauth/core/internal"

const COMMANDS: Record<DynamoDBOperation, new (input: any) => any> = {
  BatchGetItem: BatchGetItemCommand,
  BatchWriteItem: BatchWriteItemCommand,
  CreateTable: CreateTableCommand,
  DeleteItem: DeleteItemCommand,
  DeleteTable: DeleteTableCommand,
  DescribeTable: DescribeTableCommand,
  DescribeTimeToLive: DescribeTimeToLiveCommand,
  GetItem: GetItemCommand,
  PutItem: PutItemCommand,
  Query: QueryCommand,
  Scan: ScanCommand,
  TransactGetItems: TransactGetItemsCommand,
  TransactWriteItems: TransactWriteItemsCommand,
  UpdateItem: UpdateItemCommand,
  UpdateTimeToLive: UpdateTimeToLiveCommand,
}

/** Anything with the SDK client's `send`: DynamoDBClient, DynamoDB, DynamoDBDocument(Client). */
export interface SdkClient {
  send(command: any, options?: { abortSignal?: AbortSignal }): Promise<any>
  /** The client's resolved configuration; its credentials are redacted from errors. */
  config?: { credentials?: () => Promise<Partial<Credentials>> }
}

interface Credentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
}

/**
 * Core's transport over an AWS SDK v3 client: retries, timeouts and signing
 * are the client's (set `maxAttempts`, `requestHandler` there). Errors are
 * core's transport errors, with any credential the message repeats removed.
 */
export function createNodeTransport(client: SdkClient): Transport {
  return {
    async send(operation, input, options) {
      const command = new COMMANDS[operation](input)
      if (options?.onAttempt) reportAttempts(command, options.onAttempt)
      try {
        const { $metadata: _, ...output } = await client.send(command, {
          abortSignal: options?.signal,
        })
        return output
      } catch (error) {
        throw toTransportError(error, operation, await knownSecrets(client))
      }
    },
  }
}

/**
 * Tells `onAttempt` about each attempt the SDK makes. The deserialize step
 * runs once per attempt, inside the SDK's retry loop (finalizeRequest), and
 * sees each attempt's answer or parsed error.
 */
function reportAttempts(
  command: { middlewareStack: { add(middleware: unknown, options: object): void } },
  onAttempt: (outcome: { throttled: boolean }) => void,
) {
  command.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
      try {
        const output = await next(args)
        onAttempt({ throttled: false })
        return output
      } catch (error) {
        onAttempt({ throttled: classifyError(error).throttled })
        throw error
      }
    },
    { step: "deserialize", priority: "high", name: "dynamoauthAttempts" },
  )
}

/**
 * The credentials the client signed with, to redact wherever DynamoDB's
 * message repeats them. The SDK caches them after signing, so this does not
 * call the provider again; when there are none, there is nothing to redact.
 */
async function knownSecrets(client: SdkClient): Promise<(string | undefined)[]> {
  try {
    const c = await client.config?.credentials?.()
    return [c?.accessKeyId, c?.secretAccessKey, c?.sessionToken]
  } catch {
    return []
  }
}
