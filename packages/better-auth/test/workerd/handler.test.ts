/** Sign-in flows through Better Auth's real handler (../suites/handler.ts) inside workerd. */
import { dynamodbEndpoint } from "@dynamoauth/testing/vitest-context"
import { expect, it } from "vitest"
import { edgeTransport } from "../edge.js"
import { defineHandlerSuite } from "../suites/handler.js"

it("runs inside workerd", () => {
  // (nodejs_compat makes `process` look like Node's, so ask for what only workerd has.)
  expect(navigator.userAgent).toBe("Cloudflare-Workers")
  expect("WebSocketPair" in globalThis).toBe(true)
})

defineHandlerSuite("edge (aws4fetch) in workerd", edgeTransport(dynamodbEndpoint()))
