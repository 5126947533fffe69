/**
 * `pnpm --filter @dynamoauth/bench cpu:breakdown`: where the edge adapter's CPU goes on Node.
 * One GetItem of one small item, made piece by piece (signing alone, fetch alone, node:http
 * alone, the edge transport, each adapter's getUser), cases taking turns batch by batch, so
 * drift on a shared machine hits them alike. Prints a Markdown table: client CPU per call
 * (median of the rounds), the ratio to the official adapter's getUser round by round, and
 * voluntary context switches ("waits") per call, which unlike CPU time do not grow with load.
 */
import http from "node:http"
import { loadavg } from "node:os"
import { createFetchTransport } from "@dynamoauth/adapter-edge"
import { createKeys, createTableInput, DEFAULT_OPTIONS } from "@dynamoauth/core"
import { startDynamoDBLocal } from "@dynamoauth/testing/dynamodb-local"
import { newUser } from "@dynamoauth/testing/fixtures"
import { rawRequest } from "@dynamoauth/testing/raw-request"
import { AwsV4Signer } from "aws4fetch"
import { micros, table } from "./markdown.js"
import { median, pairedRatios } from "./stats.js"
import { createTargets } from "./targets.js"

const ROUNDS = 60
const CALLS_PER_BATCH = 8
const WARM_UP_CALLS = 30
/** Not secrets: DynamoDB Local checks neither. */
const SIGNING = {
  accessKeyId: "bench",
  secretAccessKey: "bench-secret-key",
  service: "dynamodb",
  region: "us-east-1",
  // One shared cache, as the transport keeps: the signing key is derived once.
  cache: new Map<string, ArrayBuffer>(),
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true"
const db = await startDynamoDBLocal()
const agent = new http.Agent({ keepAlive: true })
try {
  const tableName = `breakdown-${crypto.randomUUID().slice(0, 8)}`
  await rawRequest(db.endpoint, "CreateTable", createTableInput({ tableName }))
  const [official, , edge] = createTargets(db.endpoint, tableName).map((t) => t.make())
  const officialUser = await official!.createUser(newUser())
  const edgeUser = await edge!.createUser(newUser())
  // The edge adapter's getUser request, as it sends it (every key value is a string).
  const key = createKeys({ ...DEFAULT_OPTIONS, tableName }).user(edgeUser.id)
  const Key = Object.fromEntries(Object.entries(key).map(([name, value]) => [name, { S: value }]))
  const input = { TableName: tableName, Key }
  const body = JSON.stringify(input)
  const sign = () =>
    new AwsV4Signer({
      ...SIGNING,
      url: db.endpoint,
      headers: {
        "Content-Type": "application/x-amz-json-1.0",
        "X-Amz-Target": "DynamoDB_20120810.GetItem",
      },
      body,
    }).sign()
  // DynamoDB Local does not check the date, so one signature serves every unsigned case.
  const signedHeaders: Record<string, string> = {}
  ;(await sign()).headers.forEach((value, name) => {
    signedHeaders[name] = value
  })
  const decoder = new TextDecoder()
  const transport = createFetchTransport({
    region: SIGNING.region,
    endpoint: db.endpoint,
    credentials: SIGNING,
  })

  const cases: Record<string, () => unknown> = {
    "aws4fetch signature alone (3 WebCrypto calls)": sign,
    "fetch alone (pre-signed), bytes decoded": async () => {
      const response = await fetch(db.endpoint, { method: "POST", headers: signedHeaders, body })
      return JSON.parse(decoder.decode(await response.arrayBuffer()))
    },
    "node:http alone (pre-signed)": () =>
      new Promise((resolve, reject) => {
        const options = { method: "POST", headers: signedHeaders, agent }
        const request = http.request(db.endpoint, options, (response) => {
          const chunks: Buffer[] = []
          response.on("data", (chunk: Buffer) => chunks.push(chunk))
          response.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString())))
        })
        request.on("error", reject)
        request.end(body)
      }),
    "signature, then fetch": async () => {
      const signed = await sign()
      const response = await fetch(signed.url, { method: "POST", headers: signed.headers, body })
      return JSON.parse(decoder.decode(await response.arrayBuffer()))
    },
    "edge transport: send GetItem": () => transport.send("GetItem", input),
    "edge adapter: getUser": () => edge!.getUser(edgeUser.id),
    "official adapter: getUser": () => official!.getUser(officialUser.id),
  }
  const names = Object.keys(cases)
  for (let i = 0; i < WARM_UP_CALLS; i++) for (const name of names) await cases[name]!()

  const cpu = new Map<string, number[]>(names.map((name) => [name, []]))
  const waits = new Map<string, number[]>(names.map((name) => [name, []]))
  for (let round = 0; round < ROUNDS; round++) {
    const first = round % names.length
    for (const name of [...names.slice(first), ...names.slice(0, first)]) {
      const call = cases[name]!
      const waitsBefore = process.resourceUsage().voluntaryContextSwitches
      const before = process.cpuUsage()
      for (let i = 0; i < CALLS_PER_BATCH; i++) await call()
      const used = process.cpuUsage(before)
      const waited = process.resourceUsage().voluntaryContextSwitches - waitsBefore
      cpu.get(name)!.push((used.user + used.system) / CALLS_PER_BATCH)
      waits.get(name)!.push(waited / CALLS_PER_BATCH)
    }
  }

  const baseline = cpu.get("official adapter: getUser")!
  const rows = names.map((name) => {
    const r = pairedRatios(cpu.get(name)!, baseline)
    return [
      name,
      micros(median(cpu.get(name)!)),
      `${r.median.toFixed(2)}× [${r.min.toFixed(2)}–${r.max.toFixed(2)}]`,
      median(waits.get(name)!).toFixed(1),
    ]
  })
  console.log(
    `${ROUNDS} rounds × ${CALLS_PER_BATCH} calls per case, Node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}\n`,
  )
  console.log(
    table(["case (one GetItem)", "CPU µs per call", "÷ official getUser", "waits per call"], rows),
  )
} finally {
  agent.destroy()
  await db.stop()
}
