/**
 * Reads remembered for the rest of one Better Auth request. Better Auth reads
 * the same record several times while it answers one request (sign-out reads
 * the session to answer, again before deleting it, and the delete reads it a
 * third time); each repeat, with no write between, is answered here instead
 * of by DynamoDB. A transport wrapper: what it answers never reaches
 * `onRequest`, since no request is sent.
 *
 * Why this keeps every guarantee:
 * - Only inside one request (Better Auth's endpoint context): a request that
 *   starts after a write, on any server, reads DynamoDB, so a sign-out is seen
 *   at once everywhere. Repeats within one request see an item as its first
 *   read did, as if they had been made at that moment.
 * - Any write through this adapter instance (by any request, failed or not)
 *   forgets everything remembered: a read after it, such as the re-read after
 *   a conditional write lost a race, goes to DynamoDB (read-your-writes). A
 *   read still in flight when a write starts or ends is not remembered.
 * - Only strongly consistent reads by key (GetItem, BatchGetItem, Query) are
 *   remembered; writes are unchanged, still conditional on what they read.
 */
import type { DynamoDBBody, DynamoDBOperation, Transport } from "@dynamoauth/core"

/**
 * Where Better Auth keeps its request context: on a global symbol, shared by
 * every copy of Better Auth in the process. Its endpoint context is a new
 * object per endpoint call. Absent (outside a request, or a Better Auth that
 * keeps it elsewhere): nothing is remembered.
 */
const BETTER_AUTH_GLOBAL = Symbol.for("better-auth:global")

/** The Better Auth request running now, if any. */
export function currentRequest(): object | undefined {
  const global = (globalThis as Record<symbol, any>)[BETTER_AUTH_GLOBAL]
  const store = global?.context?.endpointContextAsyncStorage?.getStore?.()
  return typeof store === "object" && store !== null ? store : undefined
}

/** Operations that change nothing; every other one makes the memo forget. */
const READS = new Set<DynamoDBOperation>([
  "GetItem",
  "BatchGetItem",
  "Query",
  "Scan",
  "TransactGetItems",
  "DescribeTable",
  "DescribeTimeToLive",
])

interface Memo {
  generation: number
  /** `<table> <key>` → the item (null: none); `query <input>` → the response. */
  entries: Map<string, DynamoDBBody | null>
}

/** A key's id: its attributes in name order, as DynamoDB JSON. */
const keyOf = (table: string, key: DynamoDBBody, names: string[]) =>
  `${table} ${JSON.stringify(names.map((name) => [name, key[name]]))}`

/** `transport`, its strongly consistent reads remembered per request until it writes. */
export function withReadMemo(
  transport: Transport,
  request: () => object | undefined = currentRequest,
): Transport {
  /** Moves on at the start and at the end of every write: memos of another generation are void. */
  let generation = 0
  const memos = new WeakMap<object, Memo>()
  const memo = (): Memo | undefined => {
    const scope = request()
    if (!scope) return undefined
    let found = memos.get(scope)
    if (found?.generation !== generation) {
      found = { generation, entries: new Map() }
      memos.set(scope, found)
    }
    return found
  }
  /** Still this memo's generation: nothing was written while the read ran. */
  const current = (m: Memo) => m.generation === generation

  return {
    async send(operation, input, options) {
      if (!READS.has(operation)) {
        generation++
        try {
          return await transport.send(operation, input, options)
        } finally {
          generation++
        }
      }
      const m = input.ConsistentRead === true ? memo() : undefined
      if (m && operation === "GetItem" && !input.ProjectionExpression) {
        const names = Object.keys(input.Key).sort()
        const id = keyOf(input.TableName, input.Key, names)
        if (m.entries.has(id)) {
          const item = m.entries.get(id)
          return item ? { Item: item } : {}
        }
        const out = await transport.send(operation, input, options)
        if (current(m)) m.entries.set(id, out.Item ?? null)
        return out
      }
      if (m && operation === "Query") {
        const id = `query ${JSON.stringify(input)}`
        const remembered = m.entries.get(id)
        if (remembered) return { ...remembered, Items: [...(remembered.Items ?? [])] }
        const out = await transport.send(operation, input, options)
        if (current(m)) m.entries.set(id, out)
        return out
      }
      if (operation === "BatchGetItem") return batchGet(input, options)
      return transport.send(operation, input, options)
    },
  }

  /** Keys already read are answered here; only the others are sent. */
  async function batchGet(input: DynamoDBBody, options: Parameters<Transport["send"]>[2]) {
    const tables = Object.entries(input.RequestItems as Record<string, DynamoDBBody>)
    const [table = "", request] = tables[0] ?? []
    const m = request?.ConsistentRead === true ? memo() : undefined
    if (
      !m ||
      !request ||
      tables.length !== 1 ||
      request.ProjectionExpression ||
      !request.Keys.length
    ) {
      return transport.send("BatchGetItem", input, options)
    }
    const names = Object.keys(request.Keys[0]).sort()
    const known: DynamoDBBody[] = []
    const missing: DynamoDBBody[] = []
    for (const key of request.Keys as DynamoDBBody[]) {
      const id = keyOf(table, key, names)
      if (!m.entries.has(id)) missing.push(key)
      else if (m.entries.get(id)) known.push(m.entries.get(id)!)
    }
    if (!missing.length) return { Responses: { [table]: known } }
    const out = await transport.send(
      "BatchGetItem",
      { ...input, RequestItems: { [table]: { ...request, Keys: missing } } },
      options,
    )
    const read: DynamoDBBody[] = out.Responses?.[table] ?? []
    if (current(m)) {
      const unprocessed = new Set(
        (out.UnprocessedKeys?.[table]?.Keys ?? []).map((k: DynamoDBBody) => keyOf(table, k, names)),
      )
      const found = new Map(read.map((item) => [keyOf(table, item, names), item]))
      for (const key of missing) {
        const id = keyOf(table, key, names)
        if (!unprocessed.has(id)) m.entries.set(id, found.get(id) ?? null)
      }
    }
    return { ...out, Responses: { ...out.Responses, [table]: [...known, ...read] } }
  }
}
