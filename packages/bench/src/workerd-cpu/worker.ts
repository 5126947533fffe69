/**
 * The Worker the workerd CPU bench runs (bundled by esbuild, run by
 * miniflare): `POST /prepare` writes what n calls of one case need and keeps
 * the calls; `POST /run` runs them one after another (reads: again and again). The Node side reads
 * workerd's CPU around `/run` only, so set-up is never counted.
 */
import type { Adapter } from "@auth/core/adapters"
import { DynamoDBAdapter as OfficialAdapter } from "@auth/dynamodb-adapter"
import { DynamoDB } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { DynamoDBAdapter as EdgeAdapter } from "@dynamoauth/adapter-edge"
import { inDays, newSession, newToken, newUser } from "@dynamoauth/testing/fixtures"
import { AwsV4Signer } from "aws4fetch"

interface Env {
  ENDPOINT: string
  TABLE: string
}
type FullAdapter = Required<Adapter>
type Call = () => unknown
type Prepare = (env: Env) => Promise<Call>

const REGION = "us-east-1"
const CREDENTIALS = { accessKeyId: "bench", secretAccessKey: "bench-secret-key" }
/** Set-up writes in flight at once. */
const PREPARE_CONCURRENCY = 8

const makers: Record<"edge" | "official", (env: Env) => FullAdapter> = {
  edge: (env) =>
    EdgeAdapter(
      // A longer time limit than the default 3 s: on a busy machine DynamoDB Local's answer to
      // a set-up write can take longer, and a limit costs the same CPU whatever its value.
      { region: REGION, endpoint: env.ENDPOINT, credentials: CREDENTIALS, timeoutMs: 30_000 },
      { tableName: env.TABLE },
    ) as FullAdapter,
  official: (env) => {
    // One client per isolate, as a Worker keeps it in module scope.
    officialClient ??= DynamoDBDocument.from(
      new DynamoDB({ endpoint: env.ENDPOINT, region: REGION, credentials: CREDENTIALS }),
      { marshallOptions: { convertEmptyValues: true, removeUndefinedValues: true } },
    )
    return OfficialAdapter(officialClient, { tableName: env.TABLE }) as FullAdapter
  },
}
let officialClient: DynamoDBDocument | undefined

/** The floor: one GetItem signed by aws4fetch and sent by fetch, the signing key cached. */
const floorKeys = new Map<string, ArrayBuffer>()
async function bareGetItem(env: Env, userId: string): Promise<unknown> {
  const body = JSON.stringify({
    TableName: env.TABLE,
    Key: { pk: { S: `USER#${userId}` }, sk: { S: `USER#${userId}` } },
  })
  const signed = await new AwsV4Signer({
    ...CREDENTIALS,
    url: env.ENDPOINT,
    method: "POST",
    service: "dynamodb",
    region: REGION,
    cache: floorKeys,
    headers: {
      "Content-Type": "application/x-amz-json-1.0",
      "X-Amz-Target": "DynamoDB_20120810.GetItem",
    },
    body,
  }).sign()
  const response = await fetch(signed.url, { method: "POST", headers: signed.headers, body })
  const answer = JSON.parse(new TextDecoder().decode(await response.arrayBuffer()))
  return answer.Item ?? null
}

/** Each adapter case: the set-up of one call, then the call. */
const adapterCases: Record<string, (a: FullAdapter, make: () => FullAdapter) => Promise<Call>> = {
  "getSessionAndUser (warm)": async (a) => {
    const user = await a.createUser(newUser())
    const { sessionToken } = await a.createSession(newSession(user.id))
    await a.getSessionAndUser(sessionToken)
    return () => a.getSessionAndUser(sessionToken)
  },
  "getSessionAndUser (cold)": async (a, make) => {
    const user = await a.createUser(newUser())
    const { sessionToken } = await a.createSession(newSession(user.id))
    const fresh = make()
    return () => fresh.getSessionAndUser(sessionToken)
  },
  getUser: async (a) => {
    const user = await a.createUser(newUser())
    return () => a.getUser(user.id)
  },
  getUserByEmail: async (a) => {
    const user = await a.createUser(newUser())
    return () => a.getUserByEmail(user.email)
  },
  updateUser: async (a) => {
    const user = await a.createUser(newUser())
    return () => a.updateUser({ id: user.id, name: "Augusta Ada King" })
  },
  "updateSession (warm)": async (a) => {
    const user = await a.createUser(newUser())
    const { sessionToken } = await a.createSession(newSession(user.id))
    await a.getSessionAndUser(sessionToken)
    return () => a.updateSession({ sessionToken, expires: inDays(31) })
  },
  useVerificationToken: async (a) => {
    const token = (await a.createVerificationToken(newToken()))!
    return () => a.useVerificationToken({ identifier: token.identifier, token: token.token })
  },
}

function prepareFor(target: string, op: string): Prepare {
  if (target === "floor" && op === "GetItem") {
    return async (env) => {
      const user = await makers.edge(env).createUser(newUser())
      return () => bareGetItem(env, user.id)
    }
  }
  const make = makers[target as keyof typeof makers]
  const prepare = adapterCases[op]
  if (!make || !prepare) throw new Error(`no case ${target} ${op}`)
  return (env) => prepare(make(env), () => make(env))
}

const batches = new Map<string, Call[]>()

async function prepareBatch(env: Env, target: string, op: string, n: number): Promise<string> {
  const prepare = prepareFor(target, op)
  const calls: Call[] = new Array(n)
  let next = 0
  const worker = async () => {
    while (next < n) {
      const i = next++
      calls[i] = await prepare(env)
    }
  }
  await Promise.all(Array.from({ length: PREPARE_CONCURRENCY }, worker))
  const id = crypto.randomUUID()
  batches.set(id, calls)
  return id
}

/**
 * Runs a prepared batch once and forgets it; or, with `times` (reads only), runs that many calls
 * cycling through it and keeps it for the next round, so a large batch needs little set-up.
 */
async function runBatch(id: string, times?: number): Promise<number> {
  const calls = batches.get(id)
  if (!calls) throw new Error(`no batch ${id}`)
  if (times === undefined) batches.delete(id)
  const n = times ?? calls.length
  for (let i = 0; i < n; i++) {
    // A null answer means the set-up was wrong, and the figure would be a lie.
    if ((await calls[i % calls.length]!()) === null) throw new Error("a call returned null")
  }
  return n
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    try {
      const { pathname } = new URL(request.url)
      const input = (await request.json()) as Record<string, any>
      if (pathname === "/prepare") {
        return Response.json({ id: await prepareBatch(env, input.target, input.op, input.n) })
      }
      if (pathname === "/run")
        return Response.json({ calls: await runBatch(input.id, input.times) })
      return new Response("not found", { status: 404 })
    } catch (error) {
      return new Response(error instanceof Error ? (error.stack ?? error.message) : String(error), {
        status: 500,
      })
    }
  },
}
