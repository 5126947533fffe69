/**
 * What createSession's check of its user costs, on DynamoDB Local: the write as it was (one
 * BatchWriteItem: session + pointer) beside the write as it is (one TransactWriteItems: session +
 * pointer + ConditionCheck on the user), alternating, with the capacity DynamoDB reports.
 * `node --import tsx packages/chaos/src/create-session-cost.ts` (figures in RELIABILITY.md).
 */
import { createAdapter, createKeys, resolveTableOptions } from "@dynamoauth/core"
import { marshallItem } from "@dynamoauth/core/internal"
import { startDynamoDBLocal } from "@dynamoauth/testing/dynamodb-local"
import { createTable, deleteTable, directTransport } from "./table.js"

const ROUNDS = Number(process.argv[2] ?? 200)
const db = await startDynamoDBLocal()
try {
  const transport = directTransport(db.endpoint)
  const tableName = "chaos-create-session-cost"
  await createTable(transport, tableName)
  const options = resolveTableOptions({ tableName })
  const keys = createKeys(options)
  const adapter = createAdapter(transport, { tableName })
  const user = await adapter.createUser({ email: "cost@chaos.test", emailVerified: null })
  const expires = Math.floor(Date.now() / 1000) + 86_400
  const items = (token: string) => [
    {
      ...keys.session(user.id, token),
      ...keys.sessionIndex(token),
      type: "SESSION",
      sessionToken: token,
      userId: user.id,
      expires,
    },
    { ...keys.sessionPointer(token), type: "SESSION_POINTER", userId: user.id, expires },
  ]
  const before = async (token: string) => {
    const out = await transport.send("BatchWriteItem", {
      RequestItems: {
        [tableName]: items(token).map((item) => ({ PutRequest: { Item: marshallItem(item) } })),
      },
      ReturnConsumedCapacity: "TOTAL",
    })
    return out.ConsumedCapacity?.[0]?.CapacityUnits as number | undefined
  }
  const after = async (token: string) => {
    const out = await transport.send("TransactWriteItems", {
      TransactItems: [
        ...items(token).map((item) => ({
          Put: { TableName: tableName, Item: marshallItem(item) },
        })),
        {
          ConditionCheck: {
            TableName: tableName,
            Key: marshallItem(keys.user(user.id)),
            ConditionExpression: "attribute_exists(pk)",
          },
        },
      ],
      ReturnConsumedCapacity: "TOTAL",
    })
    return out.ConsumedCapacity?.[0]?.CapacityUnits as number | undefined
  }
  const times = { before: [] as number[], after: [] as number[], adapter: [] as number[] }
  const units: Record<string, number | undefined> = {}
  for (let i = 0; i < ROUNDS; i++) {
    for (const [name, write] of [
      ["before", before],
      ["after", after],
      [
        "adapter",
        (token: string) =>
          adapter.createSession({ sessionToken: token, userId: user.id, expires: new Date() }),
      ],
    ] as const) {
      const started = performance.now()
      const consumed = await write(`${name}-${i}`)
      times[name].push(performance.now() - started)
      if (typeof consumed === "number") units[name] = consumed
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  for (const name of ["before", "after", "adapter"] as const) {
    console.log(
      `${name}: median ${median(times[name]).toFixed(2)} ms over ${ROUNDS}, consumed ${units[name] ?? "not reported"} WCU`,
    )
  }
  console.log(`ratio after/before: ${(median(times.after) / median(times.before)).toFixed(2)}`)
  await deleteTable(transport, tableName)
} finally {
  await db.stop()
}
