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
import { type DynamoDBOperation, type Transport, transportError } from "@dynamoauth/core"

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
}

export function createNodeTransport(client: SdkClient): Transport {
  return {
    async send(operation, input, options) {
      try {
        const { $metadata: _, ...output } = await client.send(new COMMANDS[operation](input), {
          abortSignal: options?.signal,
        })
        return output
      } catch (error) {
        throw fromSdkError(error)
      }
    },
  }
}

/**
 * A fresh error with only DynamoDB's type, message and reason codes: SDK
 * errors can carry returned items, which must not travel into logs.
 */
function fromSdkError(error: unknown) {
  const e = error as {
    name?: string
    message?: string
    $metadata?: { httpStatusCode?: number }
    CancellationReasons?: { Code?: string }[]
  }
  const status = e?.$metadata?.httpStatusCode
  let name = e?.name ?? "UnknownError"
  if (name !== "AbortError" && name !== "TimeoutError" && status === undefined)
    name = "NetworkError"
  return transportError(name, e?.message ?? "", {
    ...(status !== undefined ? { statusCode: status } : {}),
    ...(e?.CancellationReasons
      ? { cancellationReasons: e.CancellationReasons.map((r) => r.Code ?? "None") }
      : {}),
  })
}
