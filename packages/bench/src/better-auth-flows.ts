/**
 * Requests per step of the common flows on Better Auth (email and password through its real
 * handler, on @dynamoauth/better-auth, with and without native joins), beside the adapter calls
 * Auth.js makes for the same steps of an email (magic-link) sign-in, counted at the proxy.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { createNodeTransport } from "@dynamoauth/adapter-node"
import { dynamoAuthBetterAuth, dynamoAuthSecondaryStorage } from "@dynamoauth/better-auth"
import { BETTER_AUTH_BASE, callBetterAuth } from "@dynamoauth/testing/better-auth-handler"
import type { FaultProxy } from "@dynamoauth/testing/fault-proxy"
import { newSession, newToken, newUser } from "@dynamoauth/testing/fixtures"
import { betterAuth } from "better-auth"
import { type Capacity, type CapacityMeter, capacityCell, meteredTargets } from "./capacity.js"
import { requestCell, table, total } from "./markdown.js"
import type { Target } from "./targets.js"

export const STEPS = [
  "sign-up",
  "sign-in",
  "session check, same server",
  "session check, another server",
  "sign-out",
] as const
type Step = (typeof STEPS)[number]
export type StepCounts = Record<Step, Record<string, number>>
export type StepCapacity = Record<Step, Capacity>

export const RATE_LIMIT_STEPS = [
  "a client's first request",
  "allowed",
  "refused (429)",
  "first request of a new window",
] as const
type RateLimitStep = (typeof RATE_LIMIT_STEPS)[number]
export type RateLimitCounts = Record<RateLimitStep, Record<string, number>>

export interface BetterAuthFlowResult {
  betterAuth: StepCounts
  betterAuthNoJoins: StepCounts
  authjs: StepCounts
  official: StepCounts
  /** Better Auth's rate limiter on `GET /ok`, per store. */
  rateLimit: { database: RateLimitCounts; secondaryStorage: RateLimitCounts }
  /** Capacity units per step, as DynamoDB Local reports them (the same flows, measured apart). */
  capacity: { betterAuth: StepCapacity; authjs: StepCapacity; official: StepCapacity }
}

/** What each step of a flow cost: requests at the proxy, and capacity units when a meter is given. */
function stepRecorder(proxy: FaultProxy, meter?: CapacityMeter) {
  const counts = {} as StepCounts
  const capacity = {} as StepCapacity
  const step = async <T>(name: Step, run: () => T | PromiseLike<T>): Promise<T> => {
    proxy.resetCounts()
    meter?.reset()
    const result = await run()
    counts[name] = proxy.counts()
    if (meter) capacity[name] = meter.total()
    return result
  }
  return { counts, capacity, step }
}

/** The node transport on the bench's DynamoDB (through the proxy). */
const benchTransport = (endpoint: string) =>
  createNodeTransport(
    new DynamoDBClient({
      endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "bench", secretAccessKey: "bench-secret-key" },
    }),
  )

async function betterAuthSteps(
  endpoint: string,
  tableName: string,
  proxy: FaultProxy,
  joins: boolean,
  meter?: CapacityMeter,
) {
  const transport = benchTransport(endpoint)
  const server = () =>
    betterAuth({
      baseURL: BETTER_AUTH_BASE,
      secret: "a-bench-secret-that-is-long-enough-0123456789",
      database: dynamoAuthBetterAuth({ transport, tableName, onRequest: meter?.onRequest }),
      verification: { disableCleanup: true },
      advanced: { database: { joins } },
      emailAndPassword: { enabled: true },
    })
  const auth = server()
  const call = async (
    on: ReturnType<typeof server>,
    path: string,
    body?: unknown,
    cookie?: string,
  ) => {
    const reply = await callBetterAuth(on, path, { body, cookie })
    if (reply.status >= 300) throw new Error(`Better Auth ${path}: ${reply.status}`)
    return reply.cookie
  }
  const { counts, capacity, step } = stepRecorder(proxy, meter)
  const email = `bench-${crypto.randomUUID()}@example.com`
  const password = "correct horse battery"
  await step("sign-up", () => call(auth, "/sign-up/email", { email, password, name: "Ada" }))
  const cookie = await step("sign-in", () => call(auth, "/sign-in/email", { email, password }))
  await step("session check, same server", () => call(auth, "/get-session", undefined, cookie))
  await step("session check, another server", () =>
    call(server(), "/get-session", undefined, cookie),
  )
  await step("sign-out", () => call(auth, "/sign-out", {}, cookie))
  return { counts, capacity }
}

/** Better Auth's rate limiter (`max: 2`, a 1 s window) on `GET /ok`, one client, with `storage`. */
async function rateLimitSteps(
  endpoint: string,
  tableName: string,
  proxy: FaultProxy,
  storage: "database" | "secondary-storage",
): Promise<RateLimitCounts> {
  const transport = benchTransport(endpoint)
  const auth = betterAuth({
    baseURL: BETTER_AUTH_BASE,
    secret: "a-bench-secret-that-is-long-enough-0123456789",
    database: dynamoAuthBetterAuth({ transport, tableName }),
    ...(storage === "secondary-storage"
      ? { secondaryStorage: dynamoAuthSecondaryStorage({ transport, tableName }) }
      : {}),
    rateLimit: { enabled: true, storage, window: 1, max: 2 },
    advanced: { ipAddress: { ipAddressHeaders: ["x-forwarded-for"] } },
  })
  const ip = `198.51.100.${Math.floor(Math.random() * 250)}`
  const counts = {} as RateLimitCounts
  const step = async (name: RateLimitStep, status: number) => {
    proxy.resetCounts()
    const reply = await callBetterAuth(auth, "/ok", { headers: { "x-forwarded-for": ip } })
    if (reply.status !== status) throw new Error(`rate limit ${name}: ${reply.status}`)
    counts[name] = proxy.counts()
  }
  await step("a client's first request", 200)
  await step("allowed", 200)
  await step("refused (429)", 429)
  await new Promise((resolve) => setTimeout(resolve, 1100))
  await step("first request of a new window", 200)
  return counts
}

/** The adapter calls Auth.js makes for the same steps of an email sign-in. */
async function authjsSteps(target: Target, proxy: FaultProxy, meter?: CapacityMeter) {
  const { counts, capacity, step } = stepRecorder(proxy, meter)
  const a = target.make()
  const user = newUser()
  const signIn = async (existing: boolean) => {
    const token = newToken(user.email)
    await a.createVerificationToken(token)
    await a.useVerificationToken({ identifier: token.identifier, token: token.token })
    const found = await a.getUserByEmail(user.email)
    // createUser gives the user its own id, as Auth.js expects.
    const owner = existing && found ? found : await a.createUser(user)
    const session = newSession(owner.id)
    await a.createSession(session)
    return session
  }
  await step("sign-up", () => signIn(false))
  const session = await step("sign-in", () => signIn(true))
  await step("session check, same server", () => a.getSessionAndUser(session.sessionToken))
  await step("session check, another server", () =>
    target.make().getSessionAndUser(session.sessionToken),
  )
  await step("sign-out", () => a.deleteSession(session.sessionToken))
  return { counts, capacity }
}

export async function measureBetterAuthFlows(
  proxied: Target[],
  proxy: FaultProxy,
  tableName: string,
): Promise<BetterAuthFlowResult> {
  const target = (name: string) => proxied.find((t) => t.name === name)!
  // Capacity is measured on separate runs of the same flows, so asking for it changes no request count.
  const metered = meteredTargets(proxy.endpoint, tableName)
  return {
    betterAuth: (await betterAuthSteps(proxy.endpoint, tableName, proxy, true)).counts,
    betterAuthNoJoins: (await betterAuthSteps(proxy.endpoint, tableName, proxy, false)).counts,
    authjs: (await authjsSteps(target("node"), proxy)).counts,
    official: (await authjsSteps(target("official"), proxy)).counts,
    rateLimit: {
      database: await rateLimitSteps(proxy.endpoint, tableName, proxy, "database"),
      secondaryStorage: await rateLimitSteps(proxy.endpoint, tableName, proxy, "secondary-storage"),
    },
    capacity: {
      betterAuth: (
        await betterAuthSteps(proxy.endpoint, tableName, proxy, true, metered.ours.meter)
      ).capacity,
      authjs: (await authjsSteps(metered.ours.target, proxy, metered.ours.meter)).capacity,
      official: (await authjsSteps(metered.official.target, proxy, metered.official.meter))
        .capacity,
    },
  }
}

export const BETTER_AUTH_HEADING = "## Better Auth: requests per flow"

export function renderBetterAuthSection(r: BetterAuthFlowResult): string {
  const cell = (counts: Record<string, number>) => requestCell(counts)
  const rows = STEPS.map((s) => [
    s,
    cell(r.betterAuth[s]),
    cell(r.betterAuthNoJoins[s]),
    cell(r.authjs[s]),
    cell(r.official[s]),
  ])
  const sum = (c: StepCounts) => String(STEPS.reduce((n, s) => n + total(c[s]), 0))
  rows.push([
    "all steps",
    sum(r.betterAuth),
    sum(r.betterAuthNoJoins),
    sum(r.authjs),
    sum(r.official),
  ])
  return [
    BETTER_AUTH_HEADING,
    "",
    'DynamoDB requests per step, counted at the proxy. Better Auth: email and password through its handler on `@dynamoauth/better-auth` (node transport), with `advanced.database.joins` and without; sign-in is a second sign-in of the signed-up user on the same server. Auth.js: the adapter calls Auth.js makes for the same steps of an email (magic-link) sign-in — sign-up is a first sign-in that creates the user (createVerificationToken, useVerificationToken, getUserByEmail, createUser, createSession), sign-in the same for an existing user, session check getSessionAndUser, sign-out deleteSession. "Another server" is a fresh adapter instance (nothing remembered). Measured by `pnpm --filter @dynamoauth/bench bench:better-auth` (and `pnpm bench`).',
    "",
    table(
      [
        "step",
        "Better Auth, joins",
        "Better Auth, no joins",
        "Auth.js, dynamoauth",
        "Auth.js, official",
      ],
      rows,
    ),
    "",
    'Better Auth\'s rate limiter (`rateLimit: { enabled: true, window: 1, max: 2 }`) on `GET /ok` from one client, with `storage: "database"` (rate-limit rows through the adapter) and `"secondary-storage"` (`dynamoAuthSecondaryStorage` on the same table); the new window is a request after the 1 s window has passed. Auth.js has no rate limiter.',
    "",
    table(
      ["rate-limited request", 'storage: "database"', 'storage: "secondary-storage"'],
      RATE_LIMIT_STEPS.map((s) => [
        s,
        cell(r.rateLimit.database[s]),
        cell(r.rateLimit.secondaryStorage[s]),
      ]),
    ),
  ].join("\n")
}

export const CAPACITY_HEADING = "## Capacity units per flow"

export function renderCapacitySection(r: BetterAuthFlowResult): string {
  const { betterAuth, authjs, official } = r.capacity
  const rows = STEPS.map((s) => [
    s,
    capacityCell(betterAuth[s]),
    capacityCell(authjs[s]),
    capacityCell(official[s]),
  ])
  const sum = (c: StepCapacity) =>
    capacityCell(
      STEPS.reduce((t, s) => ({ read: t.read + c[s].read, write: t.write + c[s].write }), {
        read: 0,
        write: 0,
      }),
    )
  rows.push(["all steps", sum(betterAuth), sum(authjs), sum(official)])
  return [
    CAPACITY_HEADING,
    "",
    'Read and write capacity units per step of the flows above, as DynamoDB Local reports them (`ReturnConsumedCapacity: "TOTAL"`): for dynamoauth through `onRequest` ([docs/observability.md](docs/observability.md)), for the official adapter through an AWS SDK middleware on its client. Better Auth with native joins, node transport. On-demand tables bill per request unit: a strongly consistent read of an item up to 4 KB is 1 read unit, a write up to 1 KB 1 write unit, and a transaction doubles both. DynamoDB Local\'s totals include the index: writing an item that carries index keys costs its units twice.',
    "",
    table(["step", "Better Auth", "Auth.js, dynamoauth", "Auth.js, official"], rows),
  ].join("\n")
}

/** The report with `section` replaced (found by its heading line), or added before the bundle sizes. */
export function spliceSection(report: string, section: string): string {
  const heading = section.slice(0, section.indexOf("\n"))
  const start = report.indexOf(heading)
  if (start >= 0) {
    const next = report.indexOf("\n## ", start + heading.length)
    return `${report.slice(0, start)}${section}\n${next < 0 ? "" : report.slice(next)}`
  }
  const before = report.indexOf("## Bundle size and cold import")
  if (before < 0) return `${report.trimEnd()}\n\n${section}\n`
  return `${report.slice(0, before)}${section}\n\n${report.slice(before)}`
}
