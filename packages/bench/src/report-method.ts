/** The "how it was measured" section of BENCHMARKS.md. */
import type { BenchSettings } from "./results.js"

export function renderMethod(s: BenchSettings): string {
  return [
    "## How it was measured",
    "",
    "- **The adapters.** *official*: `@auth/dynamodb-adapter` on `DynamoDBDocument.from(new DynamoDB(config), { marshallOptions: { convertEmptyValues: true, removeUndefinedValues: true, convertClassInstanceToMap: true } })`, as its docs show. *ours (node)*: `@dynamoauth/adapter-node` on a client built the same way. *ours (edge)*: `@dynamoauth/adapter-edge` with `{ region, endpoint, credentials }` on Node's own `fetch`. Default options apart from `tableName`; the bench only calls the public adapter methods, and changes nothing in them.",
    "- **One table, one DynamoDB Local** (in memory, loopback), created with `createTableInput` from `@dynamoauth/core`; every adapter writes and reads its own items in it.",
    `- **Requests and latency** go through the loopback fault proxy from \`@dynamoauth/testing\` (in the bench process). Before each call the proxy's delay is 0 while the call's data is written (a user, an account, a session…, by the same adapter), then ${s.delayMs} ms per request for the call itself. The three adapters take turns call by call, so drift on the machine hits all three alike. ${s.latencyCalls} calls per operation and adapter.`,
    "- **ours (edge) runs on Node here**: its requests go through Node's `fetch` (undici) and are signed with WebCrypto, both slower in Node than `node:http` and the SDK's `node:crypto` signer; inside a Worker, fetch and crypto are the runtime's own. Its latency and CPU figures are therefore an upper bound for the edge.",
    "- **Cold and warm.** A cold call is made by a fresh adapter instance (on the same SDK client or fetch, so the connection is warm: only the adapter's own memory is new). The official adapter keeps no state, so for it cold and warm differ only by noise.",
    `- **CPU** is measured without the proxy (the adapters talk to DynamoDB Local directly, a separate Java process), so \`process.cpuUsage()\` counts the client alone: ${s.cpuCalls} calls per operation and adapter in short batches (each after two warm-up calls, its data written beforehand), the adapters taking turns batch by batch.`,
    `- **Sign-in flow**: *one instance* runs every step on one adapter instance (a long-lived server); *new instance per request* builds a fresh adapter for each step (serverless, every request on a new instance). ${s.flowRuns} runs each, interleaved.`,
    "- **Cold import**: ours is loaded as an esbuild bundle of the workspace source (our packages inlined, aws4fetch inlined for the edge adapter, the AWS SDK from `node_modules`), which is about what a bundled deployment loads; the official adapter and the SDK load from `node_modules` as published.",
    "- **Bundle size** comes from `packages/adapter-edge/scripts/size.mjs --json` (official and ours (edge)) and its `bundleWorker` for ours (node).",
    "",
    "Run it again with `pnpm bench` from the repo root: about five minutes for the adapters, then as long as migrate's bench takes (about four more at 10k and 100k items on this machine). It needs Java 17 for DynamoDB Local, like the tests.",
  ].join("\n")
}
