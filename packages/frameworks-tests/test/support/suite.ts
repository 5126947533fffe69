/**
 * One flow test per adapter for a framework: the framework file only says how to serve Auth.js
 * with a given adapter; this runs the email flow through it on adapter-node (default names) and
 * adapter-edge (every key name customised) against DynamoDB Local, and reads the table back.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { DynamoDBAdapter as edgeAdapter } from "@dynamoauth/adapter-edge"
import { createNodeTransport, DynamoDBAdapter as nodeAdapter } from "@dynamoauth/adapter-node"
import {
  type Adapter,
  createKeys,
  type DynamoDBAdapterOptions,
  ITEM_TYPE,
  resolveTableOptions,
} from "@dynamoauth/core"
import { createTable, uniqueName } from "@dynamoauth/testing/contract"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { afterAll, describe, expect, test } from "vitest"
import { emailSignInFlow, Mailbox, type Send } from "./flow.js"

/** DynamoDB Local keeps one database per access key and region: every client uses these. */
const CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test-secret-key" }
const REGION = "us-east-1"

export interface Served {
  send: Send
  /** Auth.js's base URL on this server (e.g. `http://127.0.0.1:1234/api/auth`). */
  base: string
  close(): Promise<void>
}

/** Serves Auth.js with `adapter` and the given email provider's mailbox. */
export type Serve = (adapter: Adapter, mailbox: Mailbox) => Promise<Served>

const ADAPTERS = [
  { name: "adapter-node", names: {} },
  {
    name: "adapter-edge",
    names: {
      partitionKey: "PK",
      sortKey: "SK",
      indexName: "byKey",
      indexPartitionKey: "gpk",
      indexSortKey: "gsk",
    },
  },
] as const

export function emailFlowSuite(framework: string, serve: Serve): void {
  const endpoint = dynamodbEndpoint()
  const sdk = new DynamoDBClient({ endpoint, region: REGION, credentials: CREDENTIALS })
  const db = DynamoDBDocument.from(sdk)
  afterAll(() => sdk.destroy())

  describe.each(ADAPTERS)(`${framework} on $name`, ({ name, names }) => {
    test("email sign-in: csrf, sign-in, magic link, callback, session, sign-out", async () => {
      const slug = framework.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "")
      const options: DynamoDBAdapterOptions = { ...names, tableName: uniqueName(slug) }
      await createTable(createNodeTransport(sdk), options)
      const keys = createKeys(resolveTableOptions(options))
      const adapter =
        name === "adapter-node"
          ? nodeAdapter(sdk, options)
          : edgeAdapter({ endpoint, region: REGION, credentials: CREDENTIALS }, options)
      const get = async (key: Record<string, string>) =>
        (await db.get({ TableName: options.tableName, Key: key, ConsistentRead: true })).Item
      const partition = async (value: string) =>
        (
          await db.query({
            TableName: options.tableName,
            KeyConditionExpression: "#pk = :pk",
            ExpressionAttributeNames: { "#pk": keys.partitionKey },
            ExpressionAttributeValues: { ":pk": value },
            ConsistentRead: true,
          })
        ).Items ?? []

      const mailbox = new Mailbox()
      const served = await serve(adapter, mailbox)
      const email = `${name}-${crypto.randomUUID().slice(0, 8)}@example.test`
      let userId = ""
      try {
        const token = await emailSignInFlow({
          ...served,
          mailbox,
          email,
          async whileSignedIn({ sessionToken, session }) {
            // The session and the user the handler answered with are the table's.
            userId = session.user.id
            expect(await get(keys.user(userId))).toMatchObject({
              type: ITEM_TYPE.user,
              id: userId,
              email,
              emailVerified: expect.any(String),
            })
            const stored = await get(keys.session(userId, sessionToken))
            expect(stored).toMatchObject({ type: ITEM_TYPE.session, sessionToken, userId })
            expect(new Date(session.expires).getTime()).toBeCloseTo(
              (stored?.expires as number) * 1000,
              -4,
            )
            // The magic link was used up.
            const tokens = keys.verificationToken(email, "")[keys.partitionKey] as string
            expect(await partition(tokens)).toEqual([])
          },
        })
        // Sign-out deleted the session; the user stays.
        expect(await get(keys.session(userId, token))).toBeUndefined()
        expect(await get(keys.user(userId))).toMatchObject({ email })
      } finally {
        await served.close()
      }
    })
  })
}
