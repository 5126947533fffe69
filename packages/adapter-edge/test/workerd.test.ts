/** The suites that must hold inside workerd, run there through miniflare. */
import { fileURLToPath } from "node:url"
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { declareWorkerdTests } from "./workerd/run-in-workerd.js"

const entry = (path: string) => fileURLToPath(new URL(path, import.meta.url))

await declareWorkerdTests({
  entries: [entry("./workerd/harness-self.workerd.ts"), entry("./workerd/round-trip.workerd.ts")],
  bindings: { DYNAMODB_ENDPOINT: dynamodbEndpoint() },
})
